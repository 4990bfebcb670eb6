repo system 0 testtags system.repo.gz
repo bookworm 99 testtags bookworm.repo.gz
system amd64 deb system
job lock name nginx
job update all packages
result transaction,problems <inline>
#>upgrade adduser-3.134~old.all@system adduser-3.134.all@bookworm
#>upgrade courier-base-1.0.16-3+b6~old.amd64@system courier-base-1.0.16-3+b6.amd64@bookworm
#>upgrade courier-mta-1.0.16-3+b6~old.amd64@system courier-mta-1.0.16-3+b6.amd64@bookworm
#>upgrade debconf-1.5.82~old.all@system debconf-1.5.82.all@bookworm
#>upgrade debconf-i18n-1.5.82~old.all@system debconf-i18n-1.5.82.all@bookworm
#>upgrade e2fsprogs-l10n-1.47.0-2~old.all@system e2fsprogs-l10n-1.47.0-2.all@bookworm
#>upgrade elogind-246.10-1debian1~old.amd64@system elogind-246.10-1debian1.amd64@bookworm
#>upgrade expect-5.45.4-2+b1~old.amd64@system expect-5.45.4-2+b1.amd64@bookworm
#>upgrade gcc-12-base-12.2.0-14+deb12u1~old.amd64@system gcc-12-base-12.2.0-14+deb12u1.amd64@bookworm
#>upgrade git-1:2.39.5-0+deb12u3~old.amd64@system git-1:2.39.5-0+deb12u3.amd64@bookworm
#>upgrade git-man-1:2.39.5-0+deb12u3~old.all@system git-man-1:2.39.5-0+deb12u3.all@bookworm
#>upgrade gpgv-2.2.40-1.1+deb12u2~old.amd64@system gpgv-2.2.40-1.1+deb12u2.amd64@bookworm
#>upgrade init-system-helpers-1.65.2+deb12u1~old.all@system init-system-helpers-1.65.2+deb12u1.all@bookworm
#>upgrade less-590-2.1~deb12u2~old.amd64@system less-590-2.1~deb12u2.amd64@bookworm
#>upgrade libapparmor1-3.0.8-3~old.amd64@system libapparmor1-3.0.8-3.amd64@bookworm
#>upgrade libaprutil1-1.6.3-1~old.amd64@system libaprutil1-1.6.3-1.amd64@bookworm
#>upgrade libaprutil1-dbd-mysql-1.6.3-1~old.amd64@system libaprutil1-dbd-mysql-1.6.3-1.amd64@bookworm
#>upgrade libaprutil1-ldap-1.6.3-1~old.amd64@system libaprutil1-ldap-1.6.3-1.amd64@bookworm
#>upgrade libatm1-1:2.5.1-4+b2~old.amd64@system libatm1-1:2.5.1-4+b2.amd64@bookworm
#>upgrade libaudit-common-1:3.0.9-1~old.all@system libaudit-common-1:3.0.9-1.all@bookworm
#>upgrade libaudit1-1:3.0.9-1~old.amd64@system libaudit1-1:3.0.9-1.amd64@bookworm
#>upgrade libbsd0-0.11.7-2~old.amd64@system libbsd0-0.11.7-2.amd64@bookworm
#>upgrade libbz2-1.0-1.0.8-5+b1~old.amd64@system libbz2-1.0-1.0.8-5+b1.amd64@bookworm
#>upgrade libc-bin-2.36-9+deb12u14~old.amd64@system libc-bin-2.36-9+deb12u14.amd64@bookworm
#>upgrade libc-l10n-2.36-9+deb12u14~old.all@system libc-l10n-2.36-9+deb12u14.all@bookworm
#>upgrade libc6-2.36-9+deb12u14~old.amd64@system libc6-2.36-9+deb12u14.amd64@bookworm
#>upgrade libcap2-1:2.66-4+deb12u3+b1~old.amd64@system libcap2-1:2.66-4+deb12u3+b1.amd64@bookworm
#>upgrade libcap2-bin-1:2.66-4+deb12u3+b1~old.amd64@system libcap2-bin-1:2.66-4+deb12u3+b1.amd64@bookworm
#>upgrade libcommon-sense-perl-3.75-3~old.amd64@system libcommon-sense-perl-3.75-3.amd64@bookworm
#>upgrade libcourier-unicode4-2.1.2-2+b2~old.amd64@system libcourier-unicode4-2.1.2-2+b2.amd64@bookworm
#>upgrade libcurl3-gnutls-7.88.1-10+deb12u15~old.amd64@system libcurl3-gnutls-7.88.1-10+deb12u15.amd64@bookworm
#>upgrade libcurl4-7.88.1-10+deb12u15~old.amd64@system libcurl4-7.88.1-10+deb12u15.amd64@bookworm
#>upgrade libdb5.3-5.3.28+dfsg2-1~old.amd64@system libdb5.3-5.3.28+dfsg2-1.amd64@bookworm
#>upgrade libduktape207-2.7.0-2~old.amd64@system libduktape207-2.7.0-2.amd64@bookworm
#>upgrade libelogind0-246.10-1debian1~old.amd64@system libelogind0-246.10-1debian1.amd64@bookworm
#>upgrade liberror-perl-0.17029-2~old.all@system liberror-perl-0.17029-2.all@bookworm
#>upgrade libffi8-3.4.4-1~old.amd64@system libffi8-3.4.4-1.amd64@bookworm
#>upgrade libgcc-s1-12.2.0-14+deb12u1~old.amd64@system libgcc-s1-12.2.0-14+deb12u1.amd64@bookworm
#>upgrade libgcrypt20-1.10.1-3+deb12u1~old.amd64@system libgcrypt20-1.10.1-3+deb12u1.amd64@bookworm
#>upgrade libgpm2-1.20.7-10+b1~old.amd64@system libgpm2-1.20.7-10+b1.amd64@bookworm
#>upgrade libhogweed6-3.8.1-2~old.amd64@system libhogweed6-3.8.1-2.amd64@bookworm
#>upgrade libidn12-1.41-1~old.amd64@system libidn12-1.41-1.amd64@bookworm
#>upgrade libjson-perl-4.10000-1~old.all@system libjson-perl-4.10000-1.all@bookworm
#>upgrade libkeyutils1-1.6.3-2~old.amd64@system libkeyutils1-1.6.3-2.amd64@bookworm
#>upgrade liblocale-gettext-perl-1.07-5~old.amd64@system liblocale-gettext-perl-1.07-5.amd64@bookworm
#>upgrade liblua5.3-0-5.3.6-2~old.amd64@system liblua5.3-0-5.3.6-2.amd64@bookworm
#>upgrade libmnl0-1.0.4-3~old.amd64@system libmnl0-1.0.4-3.amd64@bookworm
#>upgrade libncursesw6-6.4-4~old.amd64@system libncursesw6-6.4-4.amd64@bookworm
#>upgrade libnettle8-3.8.1-2~old.amd64@system libnettle8-3.8.1-2.amd64@bookworm
#>upgrade libnsl2-1.3.0-2~old.amd64@system libnsl2-1.3.0-2.amd64@bookworm
#>upgrade libp11-kit0-0.24.1-2~old.amd64@system libp11-kit0-0.24.1-2.amd64@bookworm
#>upgrade libpam-cap-1:2.66-4+deb12u3+b1~old.amd64@system libpam-cap-1:2.66-4+deb12u3+b1.amd64@bookworm
#>upgrade libpam-elogind-246.10-1debian1~old.amd64@system libpam-elogind-246.10-1debian1.amd64@bookworm
#>upgrade libpcre3-2:8.39-15~old.amd64@system libpcre3-2:8.39-15.amd64@bookworm
#>upgrade libpolkit-agent-1-0-122-3~old.amd64@system libpolkit-agent-1-0-122-3.amd64@bookworm
#>upgrade libpolkit-gobject-1-0-122-3~old.amd64@system libpolkit-gobject-1-0-122-3.amd64@bookworm
#>upgrade libpq5-15.18-0+deb12u1~old.amd64@system libpq5-15.18-0+deb12u1.amd64@bookworm
#>upgrade libpython3-stdlib-3.11.2-1+b1~old.amd64@system libpython3-stdlib-3.11.2-1+b1.amd64@bookworm
#>upgrade libreadline8-8.2-1.3~old.amd64@system libreadline8-8.2-1.3.amd64@bookworm
#>upgrade libseccomp2-2.5.4-1+deb12u1~old.amd64@system libseccomp2-2.5.4-1+deb12u1.amd64@bookworm
#>upgrade libsemanage-common-3.4-1~old.all@system libsemanage-common-3.4-1.all@bookworm
#>upgrade libsensors-config-1:3.6.0-7.1~old.all@system libsensors-config-1:3.6.0-7.1.all@bookworm
#>upgrade libsensors5-1:3.6.0-7.1~old.amd64@system libsensors5-1:3.6.0-7.1.amd64@bookworm
#>upgrade libsepol2-3.4-2.1~old.amd64@system libsepol2-3.4-2.1.amd64@bookworm
#>upgrade libstdc++6-12.2.0-14+deb12u1~old.amd64@system libstdc++6-12.2.0-14+deb12u1.amd64@bookworm
#>upgrade libtasn1-6-4.19.0-2+deb12u1~old.amd64@system libtasn1-6-4.19.0-2+deb12u1.amd64@bookworm
#>upgrade libtext-iconv-perl-1.7-8~old.amd64@system libtext-iconv-perl-1.7-8.amd64@bookworm
#>upgrade libtinfo6-6.4-4~old.amd64@system libtinfo6-6.4-4.amd64@bookworm
#>upgrade libtirpc-common-1.3.3+ds-1~old.all@system libtirpc-common-1.3.3+ds-1.all@bookworm
#>upgrade libtirpc3-1.3.3+ds-1~old.amd64@system libtirpc3-1.3.3+ds-1.amd64@bookworm
#>upgrade libtypes-serialiser-perl-1.01-1~old.all@system libtypes-serialiser-perl-1.01-1.all@bookworm
#>upgrade libudev1-252.39-1~deb12u2~old.amd64@system libudev1-252.39-1~deb12u2.amd64@bookworm
#>upgrade libwrap0-7.6.q-32~old.amd64@system libwrap0-7.6.q-32.amd64@bookworm
#>upgrade libx11-6-2:1.8.4-2+deb12u2~old.amd64@system libx11-6-2:1.8.4-2+deb12u2.amd64@bookworm
#>upgrade libx11-data-2:1.8.4-2+deb12u2~old.all@system libx11-data-2:1.8.4-2+deb12u2.all@bookworm
#>upgrade libxcb1-1.15-1~old.amd64@system libxcb1-1.15-1.amd64@bookworm
#>upgrade libxdmcp6-1:1.1.2-3~old.amd64@system libxdmcp6-1:1.1.2-3.amd64@bookworm
#>upgrade libxml2-2.9.14+dfsg-1.3~deb12u6~old.amd64@system libxml2-2.9.14+dfsg-1.3~deb12u6.amd64@bookworm
#>upgrade libxslt1.1-1.1.35-1+deb12u4~old.amd64@system libxslt1.1-1.1.35-1+deb12u4.amd64@bookworm
#>upgrade libxtables12-1.8.9-2~old.amd64@system libxtables12-1.8.9-2.amd64@bookworm
#>upgrade libxxhash0-0.8.1-1~old.amd64@system libxxhash0-0.8.1-1.amd64@bookworm
#>upgrade libz3-4-4.8.12-3.1~old.amd64@system libz3-4-4.8.12-3.1.amd64@bookworm
#>upgrade locales-2.36-9+deb12u14~old.all@system locales-2.36-9+deb12u14.all@bookworm
#>upgrade manpages-6.03-2~old.all@system manpages-6.03-2.all@bookworm
#>upgrade media-types-10.0.0~old.all@system media-types-10.0.0.all@bookworm
#>upgrade ncurses-base-6.4-4~old.all@system ncurses-base-6.4-4.all@bookworm
#>upgrade ncurses-term-6.4-4~old.all@system ncurses-term-6.4-4.all@bookworm
#>upgrade nginx-common-1.22.1-9+deb12u9~old.all@system nginx-common-1.22.1-9+deb12u9.all@bookworm
#>upgrade openssh-client-1:9.2p1-2+deb12u10~old.amd64@system openssh-client-1:9.2p1-2+deb12u10.amd64@bookworm
#>upgrade openssh-server-1:9.2p1-2+deb12u10~old.amd64@system openssh-server-1:9.2p1-2+deb12u10.amd64@bookworm
#>upgrade openssh-sftp-server-1:9.2p1-2+deb12u10~old.amd64@system openssh-sftp-server-1:9.2p1-2+deb12u10.amd64@bookworm
#>upgrade patch-2.7.6-7~old.amd64@system patch-2.7.6-7.amd64@bookworm
#>upgrade polkitd-122-3~old.amd64@system polkitd-122-3.amd64@bookworm
#>upgrade postgresql-15-15.18-0+deb12u1~old.amd64@system postgresql-15-15.18-0+deb12u1.amd64@bookworm
#>upgrade postgresql-client-15-15.18-0+deb12u1~old.amd64@system postgresql-client-15-15.18-0+deb12u1.amd64@bookworm
#>upgrade postgresql-client-common-248+deb12u1~old.all@system postgresql-client-common-248+deb12u1.all@bookworm
#>upgrade postgresql-common-248+deb12u1~old.all@system postgresql-common-248+deb12u1.all@bookworm
#>upgrade psmisc-23.6-1~old.amd64@system psmisc-23.6-1.amd64@bookworm
#>upgrade python3-3.11.2-1+b1~old.amd64@system python3-3.11.2-1+b1.amd64@bookworm
#>upgrade python3-minimal-3.11.2-1+b1~old.amd64@system python3-minimal-3.11.2-1+b1.amd64@bookworm
#>upgrade readline-common-8.2-1.3~old.all@system readline-common-8.2-1.3.all@bookworm
#>upgrade runit-helper-2.15.2~old.all@system runit-helper-2.15.2.all@bookworm
#>upgrade sed-4.9-1+deb12u1~old.amd64@system sed-4.9-1+deb12u1.amd64@bookworm
#>upgrade sgml-base-1.31~old.all@system sgml-base-1.31.all@bookworm
#>upgrade shared-mime-info-2.2-1~old.amd64@system shared-mime-info-2.2-1.amd64@bookworm
#>upgrade ssl-cert-1.1.2~old.all@system ssl-cert-1.1.2.all@bookworm
#>upgrade tar-1.34+dfsg-1.2+deb12u1~old.amd64@system tar-1.34+dfsg-1.2+deb12u1.amd64@bookworm
#>upgrade tcl-expect-5.45.4-2+b1~old.amd64@system tcl-expect-5.45.4-2+b1.amd64@bookworm
#>upgrade ucf-3.0043+nmu1+deb12u1~old.all@system ucf-3.0043+nmu1+deb12u1.all@bookworm
#>upgrade usr-is-merged-37~deb12u1~old.all@system usr-is-merged-37~deb12u1.all@bookworm
#>upgrade wget-1.21.3-1+deb12u1~old.amd64@system wget-1.21.3-1+deb12u1.amd64@bookworm
#>upgrade xdg-user-dirs-0.18-1~old.amd64@system xdg-user-dirs-0.18-1.amd64@bookworm
nextjob
job lock name openssh-server
job update all packages
result transaction,problems <inline>
#>upgrade adduser-3.134~old.all@system adduser-3.134.all@bookworm
#>upgrade courier-base-1.0.16-3+b6~old.amd64@system courier-base-1.0.16-3+b6.amd64@bookworm
#>upgrade courier-mta-1.0.16-3+b6~old.amd64@system courier-mta-1.0.16-3+b6.amd64@bookworm
#>upgrade debconf-1.5.82~old.all@system debconf-1.5.82.all@bookworm
#>upgrade debconf-i18n-1.5.82~old.all@system debconf-i18n-1.5.82.all@bookworm
#>upgrade e2fsprogs-l10n-1.47.0-2~old.all@system e2fsprogs-l10n-1.47.0-2.all@bookworm
#>upgrade elogind-246.10-1debian1~old.amd64@system elogind-246.10-1debian1.amd64@bookworm
#>upgrade expect-5.45.4-2+b1~old.amd64@system expect-5.45.4-2+b1.amd64@bookworm
#>upgrade gcc-12-base-12.2.0-14+deb12u1~old.amd64@system gcc-12-base-12.2.0-14+deb12u1.amd64@bookworm
#>upgrade git-1:2.39.5-0+deb12u3~old.amd64@system git-1:2.39.5-0+deb12u3.amd64@bookworm
#>upgrade git-man-1:2.39.5-0+deb12u3~old.all@system git-man-1:2.39.5-0+deb12u3.all@bookworm
#>upgrade gpgv-2.2.40-1.1+deb12u2~old.amd64@system gpgv-2.2.40-1.1+deb12u2.amd64@bookworm
#>upgrade init-system-helpers-1.65.2+deb12u1~old.all@system init-system-helpers-1.65.2+deb12u1.all@bookworm
#>upgrade less-590-2.1~deb12u2~old.amd64@system less-590-2.1~deb12u2.amd64@bookworm
#>upgrade libapparmor1-3.0.8-3~old.amd64@system libapparmor1-3.0.8-3.amd64@bookworm
#>upgrade libaprutil1-1.6.3-1~old.amd64@system libaprutil1-1.6.3-1.amd64@bookworm
#>upgrade libaprutil1-dbd-mysql-1.6.3-1~old.amd64@system libaprutil1-dbd-mysql-1.6.3-1.amd64@bookworm
#>upgrade libaprutil1-ldap-1.6.3-1~old.amd64@system libaprutil1-ldap-1.6.3-1.amd64@bookworm
#>upgrade libatm1-1:2.5.1-4+b2~old.amd64@system libatm1-1:2.5.1-4+b2.amd64@bookworm
#>upgrade libaudit-common-1:3.0.9-1~old.all@system libaudit-common-1:3.0.9-1.all@bookworm
#>upgrade libaudit1-1:3.0.9-1~old.amd64@system libaudit1-1:3.0.9-1.amd64@bookworm
#>upgrade libbsd0-0.11.7-2~old.amd64@system libbsd0-0.11.7-2.amd64@bookworm
#>upgrade libbz2-1.0-1.0.8-5+b1~old.amd64@system libbz2-1.0-1.0.8-5+b1.amd64@bookworm
#>upgrade libc-bin-2.36-9+deb12u14~old.amd64@system libc-bin-2.36-9+deb12u14.amd64@bookworm
#>upgrade libc-l10n-2.36-9+deb12u14~old.all@system libc-l10n-2.36-9+deb12u14.all@bookworm
#>upgrade libc6-2.36-9+deb12u14~old.amd64@system libc6-2.36-9+deb12u14.amd64@bookworm
#>upgrade libcap2-1:2.66-4+deb12u3+b1~old.amd64@system libcap2-1:2.66-4+deb12u3+b1.amd64@bookworm
#>upgrade libcap2-bin-1:2.66-4+deb12u3+b1~old.amd64@system libcap2-bin-1:2.66-4+deb12u3+b1.amd64@bookworm
#>upgrade libcommon-sense-perl-3.75-3~old.amd64@system libcommon-sense-perl-3.75-3.amd64@bookworm
#>upgrade libcourier-unicode4-2.1.2-2+b2~old.amd64@system libcourier-unicode4-2.1.2-2+b2.amd64@bookworm
#>upgrade libcurl3-gnutls-7.88.1-10+deb12u15~old.amd64@system libcurl3-gnutls-7.88.1-10+deb12u15.amd64@bookworm
#>upgrade libcurl4-7.88.1-10+deb12u15~old.amd64@system libcurl4-7.88.1-10+deb12u15.amd64@bookworm
#>upgrade libdb5.3-5.3.28+dfsg2-1~old.amd64@system libdb5.3-5.3.28+dfsg2-1.amd64@bookworm
#>upgrade libduktape207-2.7.0-2~old.amd64@system libduktape207-2.7.0-2.amd64@bookworm
#>upgrade libelogind0-246.10-1debian1~old.amd64@system libelogind0-246.10-1debian1.amd64@bookworm
#>upgrade liberror-perl-0.17029-2~old.all@system liberror-perl-0.17029-2.all@bookworm
#>upgrade libffi8-3.4.4-1~old.amd64@system libffi8-3.4.4-1.amd64@bookworm
#>upgrade libgcc-s1-12.2.0-14+deb12u1~old.amd64@system libgcc-s1-12.2.0-14+deb12u1.amd64@bookworm
#>upgrade libgcrypt20-1.10.1-3+deb12u1~old.amd64@system libgcrypt20-1.10.1-3+deb12u1.amd64@bookworm
#>upgrade libgpm2-1.20.7-10+b1~old.amd64@system libgpm2-1.20.7-10+b1.amd64@bookworm
#>upgrade libhogweed6-3.8.1-2~old.amd64@system libhogweed6-3.8.1-2.amd64@bookworm
#>upgrade libidn12-1.41-1~old.amd64@system libidn12-1.41-1.amd64@bookworm
#>upgrade libjson-perl-4.10000-1~old.all@system libjson-perl-4.10000-1.all@bookworm
#>upgrade libkeyutils1-1.6.3-2~old.amd64@system libkeyutils1-1.6.3-2.amd64@bookworm
#>upgrade liblocale-gettext-perl-1.07-5~old.amd64@system liblocale-gettext-perl-1.07-5.amd64@bookworm
#>upgrade liblua5.3-0-5.3.6-2~old.amd64@system liblua5.3-0-5.3.6-2.amd64@bookworm
#>upgrade libmnl0-1.0.4-3~old.amd64@system libmnl0-1.0.4-3.amd64@bookworm
#>upgrade libncursesw6-6.4-4~old.amd64@system libncursesw6-6.4-4.amd64@bookworm
#>upgrade libnettle8-3.8.1-2~old.amd64@system libnettle8-3.8.1-2.amd64@bookworm
#>upgrade libnsl2-1.3.0-2~old.amd64@system libnsl2-1.3.0-2.amd64@bookworm
#>upgrade libp11-kit0-0.24.1-2~old.amd64@system libp11-kit0-0.24.1-2.amd64@bookworm
#>upgrade libpam-cap-1:2.66-4+deb12u3+b1~old.amd64@system libpam-cap-1:2.66-4+deb12u3+b1.amd64@bookworm
#>upgrade libpam-elogind-246.10-1debian1~old.amd64@system libpam-elogind-246.10-1debian1.amd64@bookworm
#>upgrade libpcre3-2:8.39-15~old.amd64@system libpcre3-2:8.39-15.amd64@bookworm
#>upgrade libpolkit-agent-1-0-122-3~old.amd64@system libpolkit-agent-1-0-122-3.amd64@bookworm
#>upgrade libpolkit-gobject-1-0-122-3~old.amd64@system libpolkit-gobject-1-0-122-3.amd64@bookworm
#>upgrade libpq5-15.18-0+deb12u1~old.amd64@system libpq5-15.18-0+deb12u1.amd64@bookworm
#>upgrade libpython3-stdlib-3.11.2-1+b1~old.amd64@system libpython3-stdlib-3.11.2-1+b1.amd64@bookworm
#>upgrade libreadline8-8.2-1.3~old.amd64@system libreadline8-8.2-1.3.amd64@bookworm
#>upgrade libseccomp2-2.5.4-1+deb12u1~old.amd64@system libseccomp2-2.5.4-1+deb12u1.amd64@bookworm
#>upgrade libsemanage-common-3.4-1~old.all@system libsemanage-common-3.4-1.all@bookworm
#>upgrade libsensors-config-1:3.6.0-7.1~old.all@system libsensors-config-1:3.6.0-7.1.all@bookworm
#>upgrade libsensors5-1:3.6.0-7.1~old.amd64@system libsensors5-1:3.6.0-7.1.amd64@bookworm
#>upgrade libsepol2-3.4-2.1~old.amd64@system libsepol2-3.4-2.1.amd64@bookworm
#>upgrade libstdc++6-12.2.0-14+deb12u1~old.amd64@system libstdc++6-12.2.0-14+deb12u1.amd64@bookworm
#>upgrade libtasn1-6-4.19.0-2+deb12u1~old.amd64@system libtasn1-6-4.19.0-2+deb12u1.amd64@bookworm
#>upgrade libtext-iconv-perl-1.7-8~old.amd64@system libtext-iconv-perl-1.7-8.amd64@bookworm
#>upgrade libtinfo6-6.4-4~old.amd64@system libtinfo6-6.4-4.amd64@bookworm
#>upgrade libtirpc-common-1.3.3+ds-1~old.all@system libtirpc-common-1.3.3+ds-1.all@bookworm
#>upgrade libtirpc3-1.3.3+ds-1~old.amd64@system libtirpc3-1.3.3+ds-1.amd64@bookworm
#>upgrade libtypes-serialiser-perl-1.01-1~old.all@system libtypes-serialiser-perl-1.01-1.all@bookworm
#>upgrade libudev1-252.39-1~deb12u2~old.amd64@system libudev1-252.39-1~deb12u2.amd64@bookworm
#>upgrade libwrap0-7.6.q-32~old.amd64@system libwrap0-7.6.q-32.amd64@bookworm
#>upgrade libx11-6-2:1.8.4-2+deb12u2~old.amd64@system libx11-6-2:1.8.4-2+deb12u2.amd64@bookworm
#>upgrade libx11-data-2:1.8.4-2+deb12u2~old.all@system libx11-data-2:1.8.4-2+deb12u2.all@bookworm
#>upgrade libxcb1-1.15-1~old.amd64@system libxcb1-1.15-1.amd64@bookworm
#>upgrade libxdmcp6-1:1.1.2-3~old.amd64@system libxdmcp6-1:1.1.2-3.amd64@bookworm
#>upgrade libxml2-2.9.14+dfsg-1.3~deb12u6~old.amd64@system libxml2-2.9.14+dfsg-1.3~deb12u6.amd64@bookworm
#>upgrade libxslt1.1-1.1.35-1+deb12u4~old.amd64@system libxslt1.1-1.1.35-1+deb12u4.amd64@bookworm
#>upgrade libxtables12-1.8.9-2~old.amd64@system libxtables12-1.8.9-2.amd64@bookworm
#>upgrade libxxhash0-0.8.1-1~old.amd64@system libxxhash0-0.8.1-1.amd64@bookworm
#>upgrade libz3-4-4.8.12-3.1~old.amd64@system libz3-4-4.8.12-3.1.amd64@bookworm
#>upgrade locales-2.36-9+deb12u14~old.all@system locales-2.36-9+deb12u14.all@bookworm
#>upgrade manpages-6.03-2~old.all@system manpages-6.03-2.all@bookworm
#>upgrade media-types-10.0.0~old.all@system media-types-10.0.0.all@bookworm
#>upgrade ncurses-base-6.4-4~old.all@system ncurses-base-6.4-4.all@bookworm
#>upgrade ncurses-term-6.4-4~old.all@system ncurses-term-6.4-4.all@bookworm
#>upgrade nginx-1.22.1-9+deb12u9~old.amd64@system nginx-1.22.1-9+deb12u9.amd64@bookworm
#>upgrade nginx-common-1.22.1-9+deb12u9~old.all@system nginx-common-1.22.1-9+deb12u9.all@bookworm
#>upgrade openssh-client-1:9.2p1-2+deb12u10~old.amd64@system openssh-client-1:9.2p1-2+deb12u10.amd64@bookworm
#>upgrade openssh-sftp-server-1:9.2p1-2+deb12u10~old.amd64@system openssh-sftp-server-1:9.2p1-2+deb12u10.amd64@bookworm
#>upgrade patch-2.7.6-7~old.amd64@system patch-2.7.6-7.amd64@bookworm
#>upgrade polkitd-122-3~old.amd64@system polkitd-122-3.amd64@bookworm
#>upgrade postgresql-15-15.18-0+deb12u1~old.amd64@system postgresql-15-15.18-0+deb12u1.amd64@bookworm
#>upgrade postgresql-client-15-15.18-0+deb12u1~old.amd64@system postgresql-client-15-15.18-0+deb12u1.amd64@bookworm
#>upgrade postgresql-client-common-248+deb12u1~old.all@system postgresql-client-common-248+deb12u1.all@bookworm
#>upgrade postgresql-common-248+deb12u1~old.all@system postgresql-common-248+deb12u1.all@bookworm
#>upgrade psmisc-23.6-1~old.amd64@system psmisc-23.6-1.amd64@bookworm
#>upgrade python3-3.11.2-1+b1~old.amd64@system python3-3.11.2-1+b1.amd64@bookworm
#>upgrade python3-minimal-3.11.2-1+b1~old.amd64@system python3-minimal-3.11.2-1+b1.amd64@bookworm
#>upgrade readline-common-8.2-1.3~old.all@system readline-common-8.2-1.3.all@bookworm
#>upgrade runit-helper-2.15.2~old.all@system runit-helper-2.15.2.all@bookworm
#>upgrade sed-4.9-1+deb12u1~old.amd64@system sed-4.9-1+deb12u1.amd64@bookworm
#>upgrade sgml-base-1.31~old.all@system sgml-base-1.31.all@bookworm
#>upgrade shared-mime-info-2.2-1~old.amd64@system shared-mime-info-2.2-1.amd64@bookworm
#>upgrade ssl-cert-1.1.2~old.all@system ssl-cert-1.1.2.all@bookworm
#>upgrade tar-1.34+dfsg-1.2+deb12u1~old.amd64@system tar-1.34+dfsg-1.2+deb12u1.amd64@bookworm
#>upgrade tcl-expect-5.45.4-2+b1~old.amd64@system tcl-expect-5.45.4-2+b1.amd64@bookworm
#>upgrade ucf-3.0043+nmu1+deb12u1~old.all@system ucf-3.0043+nmu1+deb12u1.all@bookworm
#>upgrade usr-is-merged-37~deb12u1~old.all@system usr-is-merged-37~deb12u1.all@bookworm
#>upgrade wget-1.21.3-1+deb12u1~old.amd64@system wget-1.21.3-1+deb12u1.amd64@bookworm
#>upgrade xdg-user-dirs-0.18-1~old.amd64@system xdg-user-dirs-0.18-1.amd64@bookworm
nextjob
job favor name exim4-daemon-light
job install provides mail-transport-agent
result transaction,problems policy-3.r
nextjob
job disfavor name exim4-daemon-light
job install provides mail-transport-agent
result transaction,problems <inline>
nextjob
job install name postfix
solverflags allowuninstall
result transaction,problems <inline>
#>erase courier-mta-1.0.16-3+b6~old.amd64@system
#>install cpio-2.13+dfsg-7.1.amd64@bookworm
#>install postfix-3.7.11-0+deb12u1.amd64@bookworm
nextjob
job install name default-mysql-server
solverflags ignorerecommended
result transaction,problems <inline>
#>install debianutils-5.7-0.5~deb12u1.amd64@bookworm
#>install default-mysql-server-1.1.0.all@bookworm
#>install galera-4-26.4.23-0+deb12u1.amd64@bookworm
#>install gawk-1:5.2.1-2.amd64@bookworm
#>install libaio1-0.3.113-4.amd64@bookworm
#>install libconfig-inifiles-perl-3.000003-2+deb12u1.all@bookworm
#>install libdbi-perl-1.643-4+deb12u1.amd64@bookworm
#>install libmpfr6-4.2.0-1.amd64@bookworm
#>install libncurses6-6.4-4.amd64@bookworm
#>install libnuma1-2.0.16-1.amd64@bookworm
#>install libsigsegv2-2.14-1.amd64@bookworm
#>install liburing2-2.3-3.amd64@bookworm
#>install lsof-4.95.0-1.amd64@bookworm
#>install mariadb-client-1:10.11.18-0+deb12u1.amd64@bookworm
#>install mariadb-client-core-1:10.11.18-0+deb12u1.amd64@bookworm
#>install mariadb-server-1:10.11.18-0+deb12u1.amd64@bookworm
#>install mariadb-server-core-1:10.11.18-0+deb12u1.amd64@bookworm
#>install rsync-3.2.7-1+deb12u6.amd64@bookworm
#>install socat-1.7.4.4-2.amd64@bookworm
#>upgrade libncursesw6-6.4-4~old.amd64@system libncursesw6-6.4-4.amd64@bookworm
#>upgrade libtinfo6-6.4-4~old.amd64@system libtinfo6-6.4-4.amd64@bookworm
nextjob
job update all packages
solverflags allowdowngrade
result transaction,problems <inline>
#>upgrade adduser-3.134~old.all@system adduser-3.134.all@bookworm
#>upgrade courier-base-1.0.16-3+b6~old.amd64@system courier-base-1.0.16-3+b6.amd64@bookworm
#>upgrade courier-mta-1.0.16-3+b6~old.amd64@system courier-mta-1.0.16-3+b6.amd64@bookworm
#>upgrade debconf-1.5.82~old.all@system debconf-1.5.82.all@bookworm
#>upgrade debconf-i18n-1.5.82~old.all@system debconf-i18n-1.5.82.all@bookworm
#>upgrade e2fsprogs-l10n-1.47.0-2~old.all@system e2fsprogs-l10n-1.47.0-2.all@bookworm
#>upgrade elogind-246.10-1debian1~old.amd64@system elogind-246.10-1debian1.amd64@bookworm
#>upgrade expect-5.45.4-2+b1~old.amd64@system expect-5.45.4-2+b1.amd64@bookworm
#>upgrade gcc-12-base-12.2.0-14+deb12u1~old.amd64@system gcc-12-base-12.2.0-14+deb12u1.amd64@bookworm
#>upgrade git-1:2.39.5-0+deb12u3~old.amd64@system git-1:2.39.5-0+deb12u3.amd64@bookworm
#>upgrade git-man-1:2.39.5-0+deb12u3~old.all@system git-man-1:2.39.5-0+deb12u3.all@bookworm
#>upgrade gpgv-2.2.40-1.1+deb12u2~old.amd64@system gpgv-2.2.40-1.1+deb12u2.amd64@bookworm
#>upgrade init-system-helpers-1.65.2+deb12u1~old.all@system init-system-helpers-1.65.2+deb12u1.all@bookworm
#>upgrade less-590-2.1~deb12u2~old.amd64@system less-590-2.1~deb12u2.amd64@bookworm
#>upgrade libapparmor1-3.0.8-3~old.amd64@system libapparmor1-3.0.8-3.amd64@bookworm
#>upgrade libaprutil1-1.6.3-1~old.amd64@system libaprutil1-1.6.3-1.amd64@bookworm
#>upgrade libaprutil1-dbd-mysql-1.6.3-1~old.amd64@system libaprutil1-dbd-mysql-1.6.3-1.amd64@bookworm
#>upgrade libaprutil1-ldap-1.6.3-1~old.amd64@system libaprutil1-ldap-1.6.3-1.amd64@bookworm
#>upgrade libatm1-1:2.5.1-4+b2~old.amd64@system libatm1-1:2.5.1-4+b2.amd64@bookworm
#>upgrade libaudit-common-1:3.0.9-1~old.all@system libaudit-common-1:3.0.9-1.all@bookworm
#>upgrade libaudit1-1:3.0.9-1~old.amd64@system libaudit1-1:3.0.9-1.amd64@bookworm
#>upgrade libbsd0-0.11.7-2~old.amd64@system libbsd0-0.11.7-2.amd64@bookworm
#>upgrade libbz2-1.0-1.0.8-5+b1~old.amd64@system libbz2-1.0-1.0.8-5+b1.amd64@bookworm
#>upgrade libc-bin-2.36-9+deb12u14~old.amd64@system libc-bin-2.36-9+deb12u14.amd64@bookworm
#>upgrade libc-l10n-2.36-9+deb12u14~old.all@system libc-l10n-2.36-9+deb12u14.all@bookworm
#>upgrade libc6-2.36-9+deb12u14~old.amd64@system libc6-2.36-9+deb12u14.amd64@bookworm
#>upgrade libcap2-1:2.66-4+deb12u3+b1~old.amd64@system libcap2-1:2.66-4+deb12u3+b1.amd64@bookworm
#>upgrade libcap2-bin-1:2.66-4+deb12u3+b1~old.amd64@system libcap2-bin-1:2.66-4+deb12u3+b1.amd64@bookworm
#>upgrade libcommon-sense-perl-3.75-3~old.amd64@system libcommon-sense-perl-3.75-3.amd64@bookworm
#>upgrade libcourier-unicode4-2.1.2-2+b2~old.amd64@system libcourier-unicode4-2.1.2-2+b2.amd64@bookworm
#>upgrade libcurl3-gnutls-7.88.1-10+deb12u15~old.amd64@system libcurl3-gnutls-7.88.1-10+deb12u15.amd64@bookworm
#>upgrade libcurl4-7.88.1-10+deb12u15~old.amd64@system libcurl4-7.88.1-10+deb12u15.amd64@bookworm
#>upgrade libdb5.3-5.3.28+dfsg2-1~old.amd64@system libdb5.3-5.3.28+dfsg2-1.amd64@bookworm
#>upgrade libduktape207-2.7.0-2~old.amd64@system libduktape207-2.7.0-2.amd64@bookworm
#>upgrade libelogind0-246.10-1debian1~old.amd64@system libelogind0-246.10-1debian1.amd64@bookworm
#>upgrade liberror-perl-0.17029-2~old.all@system liberror-perl-0.17029-2.all@bookworm
#>upgrade libffi8-3.4.4-1~old.amd64@system libffi8-3.4.4-1.amd64@bookworm
#>upgrade libgcc-s1-12.2.0-14+deb12u1~old.amd64@system libgcc-s1-12.2.0-14+deb12u1.amd64@bookworm
#>upgrade libgcrypt20-1.10.1-3+deb12u1~old.amd64@system libgcrypt20-1.10.1-3+deb12u1.amd64@bookworm
#>upgrade libgpm2-1.20.7-10+b1~old.amd64@system libgpm2-1.20.7-10+b1.amd64@bookworm
#>upgrade libhogweed6-3.8.1-2~old.amd64@system libhogweed6-3.8.1-2.amd64@bookworm
#>upgrade libidn12-1.41-1~old.amd64@system libidn12-1.41-1.amd64@bookworm
#>upgrade libjson-perl-4.10000-1~old.all@system libjson-perl-4.10000-1.all@bookworm
#>upgrade libkeyutils1-1.6.3-2~old.amd64@system libkeyutils1-1.6.3-2.amd64@bookworm
#>upgrade liblocale-gettext-perl-1.07-5~old.amd64@system liblocale-gettext-perl-1.07-5.amd64@bookworm
#>upgrade liblua5.3-0-5.3.6-2~old.amd64@system liblua5.3-0-5.3.6-2.amd64@bookworm
#>upgrade libmnl0-1.0.4-3~old.amd64@system libmnl0-1.0.4-3.amd64@bookworm
#>upgrade libncursesw6-6.4-4~old.amd64@system libncursesw6-6.4-4.amd64@bookworm
#>upgrade libnettle8-3.8.1-2~old.amd64@system libnettle8-3.8.1-2.amd64@bookworm
#>upgrade libnsl2-1.3.0-2~old.amd64@system libnsl2-1.3.0-2.amd64@bookworm
#>upgrade libp11-kit0-0.24.1-2~old.amd64@system libp11-kit0-0.24.1-2.amd64@bookworm
#>upgrade libpam-cap-1:2.66-4+deb12u3+b1~old.amd64@system libpam-cap-1:2.66-4+deb12u3+b1.amd64@bookworm
#>upgrade libpam-elogind-246.10-1debian1~old.amd64@system libpam-elogind-246.10-1debian1.amd64@bookworm
#>upgrade libpcre3-2:8.39-15~old.amd64@system libpcre3-2:8.39-15.amd64@bookworm
#>upgrade libpolkit-agent-1-0-122-3~old.amd64@system libpolkit-agent-1-0-122-3.amd64@bookworm
#>upgrade libpolkit-gobject-1-0-122-3~old.amd64@system libpolkit-gobject-1-0-122-3.amd64@bookworm
#>upgrade libpq5-15.18-0+deb12u1~old.amd64@system libpq5-15.18-0+deb12u1.amd64@bookworm
#>upgrade libpython3-stdlib-3.11.2-1+b1~old.amd64@system libpython3-stdlib-3.11.2-1+b1.amd64@bookworm
#>upgrade libreadline8-8.2-1.3~old.amd64@system libreadline8-8.2-1.3.amd64@bookworm
#>upgrade libseccomp2-2.5.4-1+deb12u1~old.amd64@system libseccomp2-2.5.4-1+deb12u1.amd64@bookworm
#>upgrade libsemanage-common-3.4-1~old.all@system libsemanage-common-3.4-1.all@bookworm
#>upgrade libsensors-config-1:3.6.0-7.1~old.all@system libsensors-config-1:3.6.0-7.1.all@bookworm
#>upgrade libsensors5-1:3.6.0-7.1~old.amd64@system libsensors5-1:3.6.0-7.1.amd64@bookworm
#>upgrade libsepol2-3.4-2.1~old.amd64@system libsepol2-3.4-2.1.amd64@bookworm
#>upgrade libstdc++6-12.2.0-14+deb12u1~old.amd64@system libstdc++6-12.2.0-14+deb12u1.amd64@bookworm
#>upgrade libtasn1-6-4.19.0-2+deb12u1~old.amd64@system libtasn1-6-4.19.0-2+deb12u1.amd64@bookworm
#>upgrade libtext-iconv-perl-1.7-8~old.amd64@system libtext-iconv-perl-1.7-8.amd64@bookworm
#>upgrade libtinfo6-6.4-4~old.amd64@system libtinfo6-6.4-4.amd64@bookworm
#>upgrade libtirpc-common-1.3.3+ds-1~old.all@system libtirpc-common-1.3.3+ds-1.all@bookworm
#>upgrade libtirpc3-1.3.3+ds-1~old.amd64@system libtirpc3-1.3.3+ds-1.amd64@bookworm
#>upgrade libtypes-serialiser-perl-1.01-1~old.all@system libtypes-serialiser-perl-1.01-1.all@bookworm
#>upgrade libudev1-252.39-1~deb12u2~old.amd64@system libudev1-252.39-1~deb12u2.amd64@bookworm
#>upgrade libwrap0-7.6.q-32~old.amd64@system libwrap0-7.6.q-32.amd64@bookworm
#>upgrade libx11-6-2:1.8.4-2+deb12u2~old.amd64@system libx11-6-2:1.8.4-2+deb12u2.amd64@bookworm
#>upgrade libx11-data-2:1.8.4-2+deb12u2~old.all@system libx11-data-2:1.8.4-2+deb12u2.all@bookworm
#>upgrade libxcb1-1.15-1~old.amd64@system libxcb1-1.15-1.amd64@bookworm
#>upgrade libxdmcp6-1:1.1.2-3~old.amd64@system libxdmcp6-1:1.1.2-3.amd64@bookworm
#>upgrade libxml2-2.9.14+dfsg-1.3~deb12u6~old.amd64@system libxml2-2.9.14+dfsg-1.3~deb12u6.amd64@bookworm
#>upgrade libxslt1.1-1.1.35-1+deb12u4~old.amd64@system libxslt1.1-1.1.35-1+deb12u4.amd64@bookworm
#>upgrade libxtables12-1.8.9-2~old.amd64@system libxtables12-1.8.9-2.amd64@bookworm
#>upgrade libxxhash0-0.8.1-1~old.amd64@system libxxhash0-0.8.1-1.amd64@bookworm
#>upgrade libz3-4-4.8.12-3.1~old.amd64@system libz3-4-4.8.12-3.1.amd64@bookworm
#>upgrade locales-2.36-9+deb12u14~old.all@system locales-2.36-9+deb12u14.all@bookworm
#>upgrade manpages-6.03-2~old.all@system manpages-6.03-2.all@bookworm
#>upgrade media-types-10.0.0~old.all@system media-types-10.0.0.all@bookworm
#>upgrade ncurses-base-6.4-4~old.all@system ncurses-base-6.4-4.all@bookworm
#>upgrade ncurses-term-6.4-4~old.all@system ncurses-term-6.4-4.all@bookworm
#>upgrade nginx-1.22.1-9+deb12u9~old.amd64@system nginx-1.22.1-9+deb12u9.amd64@bookworm
#>upgrade nginx-common-1.22.1-9+deb12u9~old.all@system nginx-common-1.22.1-9+deb12u9.all@bookworm
#>upgrade openssh-client-1:9.2p1-2+deb12u10~old.amd64@system openssh-client-1:9.2p1-2+deb12u10.amd64@bookworm
#>upgrade openssh-server-1:9.2p1-2+deb12u10~old.amd64@system openssh-server-1:9.2p1-2+deb12u10.amd64@bookworm
#>upgrade openssh-sftp-server-1:9.2p1-2+deb12u10~old.amd64@system openssh-sftp-server-1:9.2p1-2+deb12u10.amd64@bookworm
#>upgrade patch-2.7.6-7~old.amd64@system patch-2.7.6-7.amd64@bookworm
#>upgrade polkitd-122-3~old.amd64@system polkitd-122-3.amd64@bookworm
#>upgrade postgresql-15-15.18-0+deb12u1~old.amd64@system postgresql-15-15.18-0+deb12u1.amd64@bookworm
#>upgrade postgresql-client-15-15.18-0+deb12u1~old.amd64@system postgresql-client-15-15.18-0+deb12u1.amd64@bookworm
#>upgrade postgresql-client-common-248+deb12u1~old.all@system postgresql-client-common-248+deb12u1.all@bookworm
#>upgrade postgresql-common-248+deb12u1~old.all@system postgresql-common-248+deb12u1.all@bookworm
#>upgrade psmisc-23.6-1~old.amd64@system psmisc-23.6-1.amd64@bookworm
#>upgrade python3-3.11.2-1+b1~old.amd64@system python3-3.11.2-1+b1.amd64@bookworm
#>upgrade python3-minimal-3.11.2-1+b1~old.amd64@system python3-minimal-3.11.2-1+b1.amd64@bookworm
#>upgrade readline-common-8.2-1.3~old.all@system readline-common-8.2-1.3.all@bookworm
#>upgrade runit-helper-2.15.2~old.all@system runit-helper-2.15.2.all@bookworm
#>upgrade sed-4.9-1+deb12u1~old.amd64@system sed-4.9-1+deb12u1.amd64@bookworm
#>upgrade sgml-base-1.31~old.all@system sgml-base-1.31.all@bookworm
#>upgrade shared-mime-info-2.2-1~old.amd64@system shared-mime-info-2.2-1.amd64@bookworm
#>upgrade ssl-cert-1.1.2~old.all@system ssl-cert-1.1.2.all@bookworm
#>upgrade tar-1.34+dfsg-1.2+deb12u1~old.amd64@system tar-1.34+dfsg-1.2+deb12u1.amd64@bookworm
#>upgrade tcl-expect-5.45.4-2+b1~old.amd64@system tcl-expect-5.45.4-2+b1.amd64@bookworm
#>upgrade ucf-3.0043+nmu1+deb12u1~old.all@system ucf-3.0043+nmu1+deb12u1.all@bookworm
#>upgrade usr-is-merged-37~deb12u1~old.all@system usr-is-merged-37~deb12u1.all@bookworm
#>upgrade wget-1.21.3-1+deb12u1~old.amd64@system wget-1.21.3-1+deb12u1.amd64@bookworm
#>upgrade xdg-user-dirs-0.18-1~old.amd64@system xdg-user-dirs-0.18-1.amd64@bookworm
