repo system 0 testtags system.repo.gz
repo bookworm 99 testtags bookworm.repo.gz
system amd64 deb system
job update name nginx [targeted]
result transaction,problems <inline>
#>upgrade nginx-1.22.1-9+deb12u9~old.amd64@system nginx-1.22.1-9+deb12u9.amd64@bookworm
#>upgrade nginx-common-1.22.1-9+deb12u9~old.all@system nginx-common-1.22.1-9+deb12u9.all@bookworm
nextjob
job install name nginx-light
job erase name nginx [cleandeps]
result transaction,problems mixed-2.r
nextjob
job distupgrade all packages [cleandeps]
result transaction,problems <inline>
#>reinstall apt-2.6.1.amd64@system apt-2.6.1.amd64@bookworm
#>reinstall apt-utils-2.6.1.amd64@system apt-utils-2.6.1.amd64@bookworm
#>reinstall ca-certificates-20230311+deb12u1.all@system ca-certificates-20230311+deb12u1.all@bookworm
#>reinstall cron-3.0pl1-162.amd64@system cron-3.0pl1-162.amd64@bookworm
#>reinstall cron-daemon-common-3.0pl1-162.all@system cron-daemon-common-3.0pl1-162.all@bookworm
#>reinstall dbus-1.14.10-1~deb12u1.amd64@system dbus-1.14.10-1~deb12u1.amd64@bookworm
#>reinstall dbus-bin-1.14.10-1~deb12u1.amd64@system dbus-bin-1.14.10-1~deb12u1.amd64@bookworm
#>reinstall dbus-daemon-1.14.10-1~deb12u1.amd64@system dbus-daemon-1.14.10-1~deb12u1.amd64@bookworm
#>reinstall dbus-session-bus-common-1.14.10-1~deb12u1.all@system dbus-session-bus-common-1.14.10-1~deb12u1.all@bookworm
#>reinstall dbus-system-bus-common-1.14.10-1~deb12u1.all@system dbus-system-bus-common-1.14.10-1~deb12u1.all@bookworm
#>reinstall debian-archive-keyring-2023.3+deb12u2.all@system debian-archive-keyring-2023.3+deb12u2.all@bookworm
#>reinstall e2fsprogs-1.47.0-2+b2.amd64@system e2fsprogs-1.47.0-2+b2.amd64@bookworm
#>reinstall libapt-pkg6.0-2.6.1.amd64@system libapt-pkg6.0-2.6.1.amd64@bookworm
#>reinstall libdbus-1-3-1.14.10-1~deb12u1.amd64@system libdbus-1-3-1.14.10-1~deb12u1.amd64@bookworm
#>reinstall libext2fs2-1.47.0-2+b2.amd64@system libext2fs2-1.47.0-2+b2.amd64@bookworm
#>reinstall libjson-xs-perl-4.040-1~deb12u1.amd64@system libjson-xs-perl-4.040-1~deb12u1.amd64@bookworm
#>reinstall libnet-cidr-perl-0.21-2.all@system libnet-cidr-perl-0.21-2.all@bookworm
#>reinstall libpam-runtime-1.5.2-6+deb12u2.all@system libpam-runtime-1.5.2-6+deb12u2.all@bookworm
#>reinstall libpopt0-1.19+dfsg-1.amd64@system libpopt0-1.19+dfsg-1.amd64@bookworm
#>reinstall libss2-1.47.0-2+b2.amd64@system libss2-1.47.0-2+b2.amd64@bookworm
#>reinstall libtext-charwidth-perl-0.04-11.amd64@system libtext-charwidth-perl-0.04-11.amd64@bookworm
#>reinstall libtext-wrapi18n-perl-0.06-10.all@system libtext-wrapi18n-perl-0.06-10.all@bookworm
#>reinstall libxau6-1:1.0.9-1.amd64@system libxau6-1:1.0.9-1.amd64@bookworm
#>reinstall libxext6-2:1.3.4-1+b1.amd64@system libxext6-2:1.3.4-1+b1.amd64@bookworm
#>reinstall libxmuu1-2:1.1.3-3.amd64@system libxmuu1-2:1.1.3-3.amd64@bookworm
#>reinstall logrotate-3.21.0-1.amd64@system logrotate-3.21.0-1.amd64@bookworm
#>reinstall logsave-1.47.0-2+b2.amd64@system logsave-1.47.0-2+b2.amd64@bookworm
#>reinstall sysstat-12.6.1-1.amd64@system sysstat-12.6.1-1.amd64@bookworm
#>reinstall xauth-1:1.1.2-1.amd64@system xauth-1:1.1.2-1.amd64@bookworm
#>reinstall xml-core-0.18+nmu1.all@system xml-core-0.18+nmu1.all@bookworm
#>reinstall xz-utils-5.4.1-1+deb12u1.amd64@system xz-utils-5.4.1-1+deb12u1.amd64@bookworm
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
nextjob
job update all packages
solverflags focusbest
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
nextjob
job install name gnome-core
job excludefromweak name gnome-software
result transaction,problems <inline>
#>install accountsservice-22.08.8-6.amd64@bookworm
#>install acl-2.3.1-3.amd64@bookworm
#>install adwaita-icon-theme-43-1.all@bookworm
#>install alsa-topology-conf-1.2.5.1-2.all@bookworm
#>install alsa-ucm-conf-1.2.8-1.all@bookworm
#>install apg-2.2.3.dfsg.1-5+b2.amd64@bookworm
#>install appstream-0.16.1-2+b1.amd64@bookworm
#>install apt-config-icons-0.16.1-2.all@bookworm
#>install aspell-0.60.8-4+b1.amd64@bookworm
#>install aspell-am-0.03-1-5.2.all@bookworm
#>install at-spi2-common-2.46.0-5.all@bookworm
#>install at-spi2-core-2.46.0-5.amd64@bookworm
#>install avahi-daemon-0.8-10+deb12u1.amd64@bookworm
#>install avahi-utils-0.8-10+deb12u1.amd64@bookworm
#>install baobab-43.0-1.amd64@bookworm
#>install bluez-5.66-1+deb12u2.amd64@bookworm
#>install bluez-obexd-5.66-1+deb12u2.amd64@bookworm
#>install bolt-0.9.5-1.amd64@bookworm
#>install bsdextrautils-2.38.1-5+deb12u3.amd64@bookworm
#>install bubblewrap-0.8.0-2+deb12u1.amd64@bookworm
#>install chrome-gnome-shell-42.1-3.all@bookworm
#>install chromium-150.0.7871.100-1~deb12u1.amd64@bookworm
#>install chromium-common-150.0.7871.100-1~deb12u1.amd64@bookworm
#>install chromium-sandbox-150.0.7871.100-1~deb12u1.amd64@bookworm
#>install colord-1.4.6-2.2.amd64@bookworm
#>install colord-data-1.4.6-2.2.all@bookworm
#>install coreutils-9.1-1.amd64@bookworm
#>install cpp-12-12.2.0-14+deb12u1.amd64@bookworm
#>install cpp-4:12.2.0-3.amd64@bookworm
#>install cracklib-runtime-2.9.6-5+b1.amd64@bookworm
#>install cups-pk-helper-0.2.6-1+b1.amd64@bookworm
#>install dbus-x11-1.14.10-1~deb12u1.amd64@bookworm
#>install dconf-cli-0.40.0-4.amd64@bookworm
#>install dconf-gsettings-backend-0.40.0-4.amd64@bookworm
#>install dconf-service-0.40.0-4.amd64@bookworm
#>install desktop-base-12.0.6+nmu1~deb12u1.all@bookworm
#>install desktop-file-utils-0.26-1.amd64@bookworm
#>install dictionaries-common-1.29.5.all@bookworm
#>install dirmngr-2.2.40-1.1+deb12u2.amd64@bookworm
#>install distro-info-data-0.58+deb12u7.all@bookworm
#>install dmidecode-3.4-1.amd64@bookworm
#>install dmsetup-2:1.02.185-2.amd64@bookworm
#>install dns-root-data-2024071801~deb12u1.all@bookworm
#>install dnsmasq-base-lua-2.90-4~deb12u2.amd64@bookworm
#>install docbook-xml-4.5-12.all@bookworm
#>install dosfstools-4.2-1.amd64@bookworm
#>install eject-2.38.1-5+deb12u3.amd64@bookworm
#>install emacsen-common-3.0.5.all@bookworm
#>install enchant-2-2.3.3-2.amd64@bookworm
#>install eog-43.2-1.amd64@bookworm
#>install evince-43.1-2+deb12u1.amd64@bookworm
#>install evince-common-43.1-2+deb12u1.all@bookworm
#>install evolution-data-server-3.46.4-2.amd64@bookworm
#>install evolution-data-server-common-3.46.4-2.all@bookworm
#>install exfatprogs-1.2.0-1+deb12u1.amd64@bookworm
#>install fdisk-2.38.1-5+deb12u3.amd64@bookworm
#>install file-1:5.44-3.amd64@bookworm
#>install fluid-soundfont-gm-3.1-5.3.all@bookworm
#>install folks-common-0.15.5-2.all@bookworm
#>install fontconfig-2.14.1-4.amd64@bookworm
#>install fontconfig-config-2.14.1-4.amd64@bookworm
#>install fonts-cantarell-0.303.1-1.all@bookworm
#>install fonts-dejavu-2.37-6.all@bookworm
#>install fonts-dejavu-core-2.37-6.all@bookworm
#>install fonts-dejavu-extra-2.37-6.all@bookworm
#>install fonts-droid-fallback-1:6.0.1r16-1.1.all@bookworm
#>install fonts-liberation-1:1.07.4-11.all@bookworm
#>install fonts-noto-color-emoji-2.042-0+deb12u1.all@bookworm
#>install fonts-noto-mono-20201225-1.all@bookworm
#>install fonts-quicksand-0.2016-2.1.all@bookworm
#>install fonts-urw-base35-20200910-7.all@bookworm
#>install fuse3-3.14.0-4.amd64@bookworm
#>install fwupd-2.0.20-1~deb12u2.amd64@bookworm
#>install fwupd-amd64-signed-1:1.4+1.amd64@bookworm
#>install gcr-3.41.1-1+b1.amd64@bookworm
#>install gdisk-1.0.9-2.1.amd64@bookworm
#>install gdm3-43.0-3.amd64@bookworm
#>install geocode-glib-common-3.26.3-6.all@bookworm
#>install gettext-base-0.21-12.amd64@bookworm
#>install ghostscript-10.0.0~dfsg-11+deb12u8.amd64@bookworm
#>install gir1.2-accountsservice-1.0-22.08.8-6.amd64@bookworm
#>install gir1.2-adw-1-1.2.2-1.amd64@bookworm
#>install gir1.2-atk-1.0-2.46.0-5.amd64@bookworm
#>install gir1.2-atspi-2.0-2.46.0-5.amd64@bookworm
#>install gir1.2-evince-3.0-43.1-2+deb12u1.amd64@bookworm
#>install gir1.2-freedesktop-1.74.0-3.amd64@bookworm
#>install gir1.2-gck-1-3.41.1-1+b1.amd64@bookworm
#>install gir1.2-gcr-3-3.41.1-1+b1.amd64@bookworm
#>install gir1.2-gdesktopenums-3.0-43.0-1.amd64@bookworm
#>install gir1.2-gdkpixbuf-2.0-2.42.10+dfsg-1+deb12u4.amd64@bookworm
#>install gir1.2-gdm-1.0-43.0-3.amd64@bookworm
#>install gir1.2-geoclue-2.0-2.6.0-2+deb12u1.amd64@bookworm
#>install gir1.2-glib-2.0-1.74.0-3.amd64@bookworm
#>install gir1.2-gmenu-3.0-3.36.0-1.1.amd64@bookworm
#>install gir1.2-gnomebluetooth-3.0-42.5-3.amd64@bookworm
#>install gir1.2-gnomedesktop-3.0-43.2-2.amd64@bookworm
#>install gir1.2-gnomedesktop-4.0-43.2-2.amd64@bookworm
#>install gir1.2-goa-1.0-3.46.0-1.amd64@bookworm
#>install gir1.2-graphene-1.0-1.10.8-1.amd64@bookworm
#>install gir1.2-gst-plugins-base-1.0-1.22.0-3+deb12u6.amd64@bookworm
#>install gir1.2-gstreamer-1.0-1.22.0-2+deb12u1.amd64@bookworm
#>install gir1.2-gtk-3.0-3.24.38-2~deb12u3.amd64@bookworm
#>install gir1.2-gtk-4.0-4.8.3+ds-2+deb12u1.amd64@bookworm
#>install gir1.2-gtksource-4-4.8.4-4.amd64@bookworm
#>install gir1.2-gweather-4.0-4.2.0-2.amd64@bookworm
#>install gir1.2-handy-1-1.8.1-1.amd64@bookworm
#>install gir1.2-harfbuzz-0.0-6.0.0+dfsg-3.amd64@bookworm
#>install gir1.2-ibus-1.0-1.5.27-5.amd64@bookworm
#>install gir1.2-javascriptcoregtk-4.1-2.50.6-1~deb12u2.amd64@bookworm
#>install gir1.2-json-1.0-1.6.6-1.amd64@bookworm
#>install gir1.2-malcontent-0-0.11.0-4.amd64@bookworm
#>install gir1.2-mutter-11-43.8-0+deb12u1.amd64@bookworm
#>install gir1.2-nm-1.0-1.42.4-1+deb12u1.amd64@bookworm
#>install gir1.2-nma-1.0-1.10.6-1.amd64@bookworm
#>install gir1.2-notify-0.7-0.8.1-1.amd64@bookworm
#>install gir1.2-packagekitglib-1.0-1.2.6-5+deb12u1.amd64@bookworm
#>install gir1.2-pango-1.0-1.50.12+ds-1.amd64@bookworm
#>install gir1.2-peas-1.0-1.34.0-1+b1.amd64@bookworm
#>install gir1.2-polkit-1.0-122-3.amd64@bookworm
#>install gir1.2-rsvg-2.0-2.54.7+dfsg-1~deb12u1.amd64@bookworm
#>install gir1.2-secret-1-0.20.5-3.amd64@bookworm
#>install gir1.2-soup-3.0-3.2.3-0+deb12u2.amd64@bookworm
#>install gir1.2-totem-1.0-43.0-2.amd64@bookworm
#>install gir1.2-totemplparser-1.0-3.26.6-1+b1.amd64@bookworm
#>install gir1.2-upowerglib-1.0-0.99.20-2.amd64@bookworm
#>install gir1.2-webkit2-4.1-2.50.6-1~deb12u2.amd64@bookworm
#>install gjs-1.74.2-1+deb12u1.amd64@bookworm
#>install gkbd-capplet-3.28.1-1.amd64@bookworm
#>install glib-networking-2.74.0-4.amd64@bookworm
#>install glib-networking-common-2.74.0-4.all@bookworm
#>install glib-networking-services-2.74.0-4.amd64@bookworm
#>install gnome-accessibility-themes-3.28-2.all@bookworm
#>install gnome-backgrounds-43.1-1.all@bookworm
#>install gnome-bluetooth-3-common-42.5-3.all@bookworm
#>install gnome-bluetooth-sendto-42.5-3.amd64@bookworm
#>install gnome-browser-connector-42.1-3.all@bookworm
#>install gnome-calculator-1:43.0.1-2.amd64@bookworm
#>install gnome-characters-43.1-1+deb12u1.amd64@bookworm
#>install gnome-console-43.0-2.amd64@bookworm
#>install gnome-contacts-43.1-1.amd64@bookworm
#>install gnome-control-center-1:43.6-2~deb12u1.amd64@bookworm
#>install gnome-control-center-data-1:43.6-2~deb12u1.all@bookworm
#>install gnome-core-1:43+1.amd64@bookworm
#>install gnome-desktop3-data-43.2-2.all@bookworm
#>install gnome-disk-utility-43.0-1.amd64@bookworm
#>install gnome-font-viewer-43.0-1.amd64@bookworm
#>install gnome-icon-theme-3.12.0-5.all@bookworm
#>install gnome-keyring-42.1-1+b2.amd64@bookworm
#>install gnome-keyring-pkcs11-42.1-1+b2.amd64@bookworm
#>install gnome-logs-43.0-1.amd64@bookworm
#>install gnome-menus-3.36.0-1.1.amd64@bookworm
#>install gnome-online-accounts-3.46.0-1.amd64@bookworm
#>install gnome-remote-desktop-43.3-1.amd64@bookworm
#>install gnome-session-43.0-1+deb12u1.all@bookworm
#>install gnome-session-bin-43.0-1+deb12u1.amd64@bookworm
#>install gnome-session-common-43.0-1+deb12u1.all@bookworm
#>install gnome-settings-daemon-43.0-4.amd64@bookworm
#>install gnome-settings-daemon-common-43.0-4.all@bookworm
#>install gnome-shell-43.9-0+deb12u2.amd64@bookworm
#>install gnome-shell-common-43.9-0+deb12u2.all@bookworm
#>install gnome-shell-extension-prefs-43.9-0+deb12u2.amd64@bookworm
#>install gnome-shell-extensions-43.1-1.all@bookworm
#>install gnome-software-43.5-1~deb12u2.amd64@bookworm
#>install gnome-software-common-43.5-1~deb12u2.all@bookworm
#>install gnome-sushi-43.0-2.amd64@bookworm
#>install gnome-system-monitor-42.0-2.amd64@bookworm
#>install gnome-text-editor-43.2-1.amd64@bookworm
#>install gnome-themes-extra-3.28-2.amd64@bookworm
#>install gnome-themes-extra-data-3.28-2.all@bookworm
#>install gnome-user-docs-43.0-2.all@bookworm
#>install gnome-user-share-43.0-1.amd64@bookworm
#>install gpg-2.2.40-1.1+deb12u2.amd64@bookworm
#>install gpg-agent-2.2.40-1.1+deb12u2.amd64@bookworm
#>install gpg-wks-client-2.2.40-1.1+deb12u2.amd64@bookworm
#>install gpgconf-2.2.40-1.1+deb12u2.amd64@bookworm
#>install gpgsm-2.2.40-1.1+deb12u2.amd64@bookworm
#>install grilo-plugins-0.3-0.3.15-2.amd64@bookworm
#>install groff-base-1.22.4-10.amd64@bookworm
#>install gsettings-desktop-schemas-43.0-1.all@bookworm
#>install gsfonts-2:20200910-7.all@bookworm
#>install gstreamer1.0-gl-1.22.0-3+deb12u6.amd64@bookworm
#>install gstreamer1.0-gtk3-1.22.0-5+deb12u3.amd64@bookworm
#>install gstreamer1.0-libav-1.22.0-2.amd64@bookworm
#>install gstreamer1.0-packagekit-1.2.6-5+deb12u1.amd64@bookworm
#>install gstreamer1.0-pipewire-0.3.65-3+deb12u1.amd64@bookworm
#>install gstreamer1.0-plugins-bad-1.22.0-4+deb12u7.amd64@bookworm
#>install gstreamer1.0-plugins-base-1.22.0-3+deb12u6.amd64@bookworm
#>install gstreamer1.0-plugins-good-1.22.0-5+deb12u3.amd64@bookworm
#>install gstreamer1.0-plugins-ugly-1.22.0-2+deb12u2.amd64@bookworm
#>install gstreamer1.0-x-1.22.0-3+deb12u6.amd64@bookworm
#>install gtk-update-icon-cache-3.24.38-2~deb12u3.amd64@bookworm
#>install gtk2-engines-pixbuf-2.24.33-2+deb12u1.amd64@bookworm
#>install gvfs-1.50.3-1+deb12u1.amd64@bookworm
#>install gvfs-backends-1.50.3-1+deb12u1.amd64@bookworm
#>install gvfs-common-1.50.3-1+deb12u1.all@bookworm
#>install gvfs-daemons-1.50.3-1+deb12u1.amd64@bookworm
#>install gvfs-fuse-1.50.3-1+deb12u1.amd64@bookworm
#>install gvfs-libs-1.50.3-1+deb12u1.amd64@bookworm
#>install hicolor-icon-theme-0.17-2.all@bookworm
#>install hunspell-af-1:7.5.0-1.all@bookworm
#>install i965-va-driver-2.4.1+dfsg1-1.amd64@bookworm
#>install ibus-1.5.27-5.amd64@bookworm
#>install ibus-data-1.5.27-5.all@bookworm
#>install ibus-gtk-1.5.27-5.amd64@bookworm
#>install ibus-gtk3-1.5.27-5.amd64@bookworm
#>install ibus-gtk4-1.5.27-5.amd64@bookworm
#>install iio-sensor-proxy-3.0-2.amd64@bookworm
#>install im-config-0.55-2.all@bookworm
#>install imagemagick-6-common-8:6.9.11.60+dfsg-1.6+deb12u11.all@bookworm
#>install ipp-usb-0.9.23-1+b4.amd64@bookworm
#>install iso-codes-4.15.0-1.all@bookworm
#>install jq-1.6-2.1+deb12u2.amd64@bookworm
#>install keyboard-configuration-1.221.all@bookworm
#>install kmod-30+20221128-1.amd64@bookworm
#>install liba52-0.7.4-0.7.4-20.amd64@bookworm
#>install libaa1-1.4p5-50.amd64@bookworm
#>install libaacs0-0.11.1-2.amd64@bookworm
#>install libabsl20220623-20220623.1-1+deb12u2.amd64@bookworm
#>install libaccountsservice0-22.08.8-6.amd64@bookworm
#>install libadwaita-1-0-1.2.2-1.amd64@bookworm
#>install libaom3-3.6.0-1+deb12u2.amd64@bookworm
#>install libapache2-mod-dnssd-0.6-4.amd64@bookworm
#>install libappstream4-0.16.1-2+b1.amd64@bookworm
#>install libarchive13-3.6.2-1+deb12u4.amd64@bookworm
#>install libaribb24-0-1.0.3-2.amd64@bookworm
#>install libasound2-1.2.8-1+b1.amd64@bookworm
#>install libasound2-data-1.2.8-1.all@bookworm
#>install libaspell15-0.60.8-4+b1.amd64@bookworm
#>install libass9-1:0.17.1-1.amd64@bookworm
#>install libassuan0-2.5.5-5.amd64@bookworm
#>install libasyncns0-0.8-6+b3.amd64@bookworm
#>install libatasmart4-0.19-5.amd64@bookworm
#>install libatk-adaptor-2.46.0-5.amd64@bookworm
#>install libatk-bridge2.0-0-2.46.0-5.amd64@bookworm
#>install libatk1.0-0-2.46.0-5.amd64@bookworm
#>install libatkmm-1.6-1v5-2.28.3-1.amd64@bookworm
#>install libatlas3-base-3.10.3-13.amd64@bookworm
#>install libatomic1-12.2.0-14+deb12u1.amd64@bookworm
#>install libatspi2.0-0-2.46.0-5.amd64@bookworm
#>install libattr1-1:2.5.1-4.amd64@bookworm
#>install libauthen-sasl-perl-2.1600-3.all@bookworm
#>install libavahi-client3-0.8-10+deb12u1.amd64@bookworm
#>install libavahi-common-data-0.8-10+deb12u1.amd64@bookworm
#>install libavahi-common3-0.8-10+deb12u1.amd64@bookworm
#>install libavahi-core7-0.8-10+deb12u1.amd64@bookworm
#>install libavahi-glib1-0.8-10+deb12u1.amd64@bookworm
#>install libavc1394-0-0.5.4-5.amd64@bookworm
#>install libavcodec-extra59-7:5.1.9-0+deb12u1.amd64@bookworm
#>install libavfilter-extra8-7:5.1.9-0+deb12u1.amd64@bookworm
#>install libavformat-extra59-7:5.1.9-0+deb12u1.amd64@bookworm
#>install libavif15-0.11.1-1+deb12u1.amd64@bookworm
#>install libavutil57-7:5.1.9-0+deb12u1.amd64@bookworm
#>install libayatana-appindicator3-1-0.5.92-1.amd64@bookworm
#>install libayatana-ido3-0.4-0-0.9.3-1.amd64@bookworm
#>install libayatana-indicator3-7-0.9.3-1.amd64@bookworm
#>install libbdplus0-0.2.0-3.amd64@bookworm
#>install libblockdev-fs2-2.28-2+deb12u1.amd64@bookworm
#>install libblockdev-loop2-2.28-2+deb12u1.amd64@bookworm
#>install libblockdev-part-err2-2.28-2+deb12u1.amd64@bookworm
#>install libblockdev-part2-2.28-2+deb12u1.amd64@bookworm
#>install libblockdev-swap2-2.28-2+deb12u1.amd64@bookworm
#>install libblockdev-utils2-2.28-2+deb12u1.amd64@bookworm
#>install libblockdev2-2.28-2+deb12u1.amd64@bookworm
#>install libbluetooth3-5.66-1+deb12u2.amd64@bookworm
#>install libbluray2-1:1.3.4-1.amd64@bookworm
#>install libbs2b0-3.1.0+dfsg-7.amd64@bookworm
#>install libcaca0-0.99.beta20-3+deb12u1.amd64@bookworm
#>install libcairo-gobject-perl-1.005-4.amd64@bookworm
#>install libcairo-gobject2-1.16.0-7.amd64@bookworm
#>install libcairo-perl-1.109-3+b1.amd64@bookworm
#>install libcairo-script-interpreter2-1.16.0-7.amd64@bookworm
#>install libcairo2-1.16.0-7.amd64@bookworm
#>install libcairomm-1.0-1v5-1.14.4-2.amd64@bookworm
#>install libcamel-1.2-64-3.46.4-2.amd64@bookworm
#>install libcanberra-gtk3-0-0.30-10.amd64@bookworm
#>install libcanberra-gtk3-module-0.30-10.amd64@bookworm
#>install libcanberra-pulse-0.30-10.amd64@bookworm
#>install libcanberra0-0.30-10.amd64@bookworm
#>install libcdio-cdda2-10.2+2.0.1-1.amd64@bookworm
#>install libcdio-paranoia2-10.2+2.0.1-1.amd64@bookworm
#>install libcdio19-2.1.0-4.amd64@bookworm
#>install libcdparanoia0-3.10.2+debian-14.amd64@bookworm
#>install libchromaprint1-1.5.1-2+b1.amd64@bookworm
#>install libcjson1-1.7.15-1+deb12u4.amd64@bookworm
#>install libclone-perl-0.46-1.amd64@bookworm
#>install libcloudproviders0-0.3.1-2.amd64@bookworm
#>install libcodec2-1.0-1.0.5-1.amd64@bookworm
#>install libcolord-gtk4-1-0.3.0-3.1.amd64@bookworm
#>install libcolord2-1.4.6-2.2.amd64@bookworm
#>install libcolorhug2-1.4.6-2.2.amd64@bookworm
#>install libcrack2-2.9.6-5+b1.amd64@bookworm
#>install libcue2-2.2.1-4+deb12u1.amd64@bookworm
#>install libcups2-2.4.2-3+deb12u9.amd64@bookworm
#>install libdaemon0-0.14-7.1.amd64@bookworm
#>install libdata-dump-perl-1.25-1.all@bookworm
#>install libdatrie1-0.2.13-2+b1.amd64@bookworm
#>install libdav1d6-1.0.0-2+deb12u1.amd64@bookworm
#>install libdbusmenu-glib4-18.10.20180917~bzr492+repack1-3.amd64@bookworm
#>install libdbusmenu-gtk3-4-18.10.20180917~bzr492+repack1-3.amd64@bookworm
#>install libdc1394-25-2.2.6-4.amd64@bookworm
#>install libdca0-0.0.7-2.amd64@bookworm
#>install libdconf1-0.40.0-4.amd64@bookworm
#>install libde265-0-1.0.11-1+deb12u2.amd64@bookworm
#>install libdecor-0-0-0.1.1-2.amd64@bookworm
#>install libdecor-0-plugin-1-cairo-0.1.1-2.amd64@bookworm
#>install libdeflate0-1.14-1.amd64@bookworm
#>install libdevmapper1.02.1-2:1.02.185-2.amd64@bookworm
#>install libdirectfb-1.7-7-1.7.7-11.amd64@bookworm
#>install libdjvulibre-text-3.5.28-2.2~deb12u1.all@bookworm
#>install libdjvulibre21-3.5.28-2.2~deb12u1.amd64@bookworm
#>install libdmapsharing-3.0-2-2.9.41-3+b1.amd64@bookworm
#>install libdouble-conversion3-3.2.1-1.amd64@bookworm
#>install libdrm-amdgpu1-2.4.114-1+b1.amd64@bookworm
#>install libdrm-common-2.4.114-1.all@bookworm
#>install libdrm-intel1-2.4.114-1+b1.amd64@bookworm
#>install libdrm-nouveau2-2.4.114-1+b1.amd64@bookworm
#>install libdrm-radeon1-2.4.114-1+b1.amd64@bookworm
#>install libdrm2-2.4.114-1+b1.amd64@bookworm
#>install libdv4-1.0.0-15.amd64@bookworm
#>install libdvdnav4-6.1.1-1.amd64@bookworm
#>install libdvdread8-6.1.3-1.amd64@bookworm
#>install libdw1-0.188-2.1.amd64@bookworm
#>install libebackend-1.2-11-3.46.4-2.amd64@bookworm
#>install libebook-1.2-21-3.46.4-2.amd64@bookworm
#>install libebook-contacts-1.2-4-3.46.4-2.amd64@bookworm
#>install libecal-2.0-2-3.46.4-2.amd64@bookworm
#>install libedata-book-1.2-27-3.46.4-2.amd64@bookworm
#>install libedata-cal-2.0-2-3.46.4-2.amd64@bookworm
#>install libedataserver-1.2-27-3.46.4-2.amd64@bookworm
#>install libedataserverui-1.2-4-3.46.4-2.amd64@bookworm
#>install libeditorconfig0-0.12.6-0.1.amd64@bookworm
#>install libegl-mesa0-22.3.6-1+deb12u2.amd64@bookworm
#>install libegl1-1.6.0-1.amd64@bookworm
#>install libenchant-2-2-2.3.3-2.amd64@bookworm
#>install libencode-locale-perl-1.05-3.all@bookworm
#>install libepoxy0-1.5.10-1.amd64@bookworm
#>install libevdev2-1.13.0+dfsg-1.amd64@bookworm
#>install libevdocument3-4-43.1-2+deb12u1.amd64@bookworm
#>install libevview3-3-43.1-2+deb12u1.amd64@bookworm
#>install libexempi8-2.6.3-1.amd64@bookworm
#>install libexif12-0.6.24-1+deb12u1.amd64@bookworm
#>install libexiv2-27-0.27.6-1.amd64@bookworm
#>install libextutils-depends-perl-0.8001-2.all@bookworm
#>install libfaad2-2.10.1-1.amd64@bookworm
#>install libfdisk1-2.38.1-5+deb12u3.amd64@bookworm
#>install libfftw3-double3-3.3.10-1.amd64@bookworm
#>install libfile-basedir-perl-0.09-2.all@bookworm
#>install libfile-desktopentry-perl-0.22-3.all@bookworm
#>install libfile-listing-perl-6.15-1.all@bookworm
#>install libfile-mimeinfo-perl-0.33-1.all@bookworm
#>install libflac12-1.4.2+ds-2.amd64@bookworm
#>install libflashrom1-1.3.0-2.1.amd64@bookworm
#>install libflatpak0-1.14.10-1~deb12u2.amd64@bookworm
#>install libflite1-2.2-5.amd64@bookworm
#>install libfluidsynth3-2.3.1-2.amd64@bookworm
#>install libfolks-eds26-0.15.5-2+b1.amd64@bookworm
#>install libfolks26-0.15.5-2+b1.amd64@bookworm
#>install libfont-afm-perl-1.20-4.all@bookworm
#>install libfontconfig1-2.14.1-4.amd64@bookworm
#>install libfontenc1-1:1.1.4-1.amd64@bookworm
#>install libfreeaptx0-0.1.1-2.amd64@bookworm
#>install libfreerdp-server2-2-2.11.7+dfsg1-6~deb12u1.amd64@bookworm
#>install libfreerdp2-2-2.11.7+dfsg1-6~deb12u1.amd64@bookworm
#>install libfreetype6-2.12.1+dfsg-5+deb12u4.amd64@bookworm
#>install libfribidi0-1.0.8-2.1.amd64@bookworm
#>install libftdi1-2-1.5-6+b2.amd64@bookworm
#>install libfuse3-3-3.14.0-4.amd64@bookworm
#>install libfwupd3-2.0.20-1~deb12u2.amd64@bookworm
#>install libgail-common-2.24.33-2+deb12u1.amd64@bookworm
#>install libgail18-2.24.33-2+deb12u1.amd64@bookworm
#>install libgav1-1-0.18.0-1+b1.amd64@bookworm
#>install libgbm1-22.3.6-1+deb12u2.amd64@bookworm
#>install libgck-1-0-3.41.1-1+b1.amd64@bookworm
#>install libgcr-base-3-1-3.41.1-1+b1.amd64@bookworm
#>install libgcr-ui-3-1-3.41.1-1+b1.amd64@bookworm
#>install libgd3-2.3.3-9.amd64@bookworm
#>install libgdata-common-0.18.1-2.all@bookworm
#>install libgdata22-0.18.1-2.amd64@bookworm
#>install libgdk-pixbuf-2.0-0-2.42.10+dfsg-1+deb12u4.amd64@bookworm
#>install libgdk-pixbuf2.0-bin-2.42.10+dfsg-1+deb12u4.amd64@bookworm
#>install libgdk-pixbuf2.0-common-2.42.10+dfsg-1+deb12u4.all@bookworm
#>install libgdm1-43.0-3.amd64@bookworm
#>install libgee-0.8-2-0.20.6-1.amd64@bookworm
#>install libgeoclue-2-0-2.6.0-2+deb12u1.amd64@bookworm
#>install libgeocode-glib-2-0-3.26.3-6.amd64@bookworm
#>install libges-1.0-0-1.22.0-2.amd64@bookworm
#>install libgexiv2-2-0.14.0-1+b1.amd64@bookworm
#>install libgfortran5-12.2.0-14+deb12u1.amd64@bookworm
#>install libgif7-5.2.1-2.5+deb12u1.amd64@bookworm
#>install libgirepository-1.0-1-1.74.0-3.amd64@bookworm
#>install libgjs0g-1.74.2-1+deb12u1.amd64@bookworm
#>install libgl1-1.6.0-1.amd64@bookworm
#>install libgl1-mesa-dri-22.3.6-1+deb12u2.amd64@bookworm
#>install libglapi-mesa-22.3.6-1+deb12u2.amd64@bookworm
#>install libgles2-1.6.0-1.amd64@bookworm
#>install libglib-object-introspection-perl-0.049-3.amd64@bookworm
#>install libglib-perl-3:1.329.3-2+b2.amd64@bookworm
#>install libglib2.0-bin-2.74.6-2+deb12u9.amd64@bookworm
#>install libglibmm-2.4-1v5-2.66.5-2.amd64@bookworm
#>install libglu1-mesa-9.0.2-1.1.amd64@bookworm
#>install libglvnd0-1.6.0-1.amd64@bookworm
#>install libglx-mesa0-22.3.6-1+deb12u2.amd64@bookworm
#>install libglx0-1.6.0-1.amd64@bookworm
#>install libgme0-0.6.3-6.amd64@bookworm
#>install libgnome-autoar-0-0-0.4.3-1.amd64@bookworm
#>install libgnome-bg-4-2-43.2-2.amd64@bookworm
#>install libgnome-bluetooth-3.0-13-42.5-3.amd64@bookworm
#>install libgnome-bluetooth-ui-3.0-13-42.5-3.amd64@bookworm
#>install libgnome-desktop-3-20-43.2-2.amd64@bookworm
#>install libgnome-desktop-4-2-43.2-2.amd64@bookworm
#>install libgnome-menu-3-0-3.36.0-1.1.amd64@bookworm
#>install libgnome-rr-4-2-43.2-2.amd64@bookworm
#>install libgnomekbd-common-3.28.1-1.all@bookworm
#>install libgnomekbd8-3.28.1-1.amd64@bookworm
#>install libgoa-1.0-0b-3.46.0-1.amd64@bookworm
#>install libgoa-1.0-common-3.46.0-1.all@bookworm
#>install libgoa-backend-1.0-1-3.46.0-1.amd64@bookworm
#>install libgom-1.0-0-0.4-1.amd64@bookworm
#>install libgomp1-12.2.0-14+deb12u1.amd64@bookworm
#>install libgpgme11-1.18.0-3+b1.amd64@bookworm
#>install libgphoto2-6-2.5.30-1.amd64@bookworm
#>install libgphoto2-l10n-2.5.30-1.all@bookworm
#>install libgphoto2-port12-2.5.30-1.amd64@bookworm
#>install libgraphene-1.0-0-1.10.8-1.amd64@bookworm
#>install libgraphite2-3-1.3.14-1+deb12u1.amd64@bookworm
#>install libgrilo-0.3-0-0.3.15-1.amd64@bookworm
#>install libgs-common-10.0.0~dfsg-11+deb12u8.all@bookworm
#>install libgs10-10.0.0~dfsg-11+deb12u8.amd64@bookworm
#>install libgs10-common-10.0.0~dfsg-11+deb12u8.all@bookworm
#>install libgsf-1-114-1.14.50-1+deb12u1.amd64@bookworm
#>install libgsf-1-common-1.14.50-1+deb12u1.all@bookworm
#>install libgsm1-1.0.22-1.amd64@bookworm
#>install libgsound0-1.0.3-2.amd64@bookworm
#>install libgspell-1-2-1.12.0-1+b2.amd64@bookworm
#>install libgspell-1-common-1.12.0-1.all@bookworm
#>install libgssdp-1.6-0-1.6.2-2.amd64@bookworm
#>install libgstreamer-gl1.0-0-1.22.0-3+deb12u6.amd64@bookworm
#>install libgstreamer-plugins-bad1.0-0-1.22.0-4+deb12u7.amd64@bookworm
#>install libgstreamer-plugins-base1.0-0-1.22.0-3+deb12u6.amd64@bookworm
#>install libgstreamer1.0-0-1.22.0-2+deb12u1.amd64@bookworm
#>install libgtk-3-0-3.24.38-2~deb12u3.amd64@bookworm
#>install libgtk-3-bin-3.24.38-2~deb12u3.amd64@bookworm
#>install libgtk-3-common-3.24.38-2~deb12u3.all@bookworm
#>install libgtk-4-1-4.8.3+ds-2+deb12u1.amd64@bookworm
#>install libgtk-4-bin-4.8.3+ds-2+deb12u1.amd64@bookworm
#>install libgtk-4-common-4.8.3+ds-2+deb12u1.all@bookworm
#>install libgtk2.0-0-2.24.33-2+deb12u1.amd64@bookworm
#>install libgtk2.0-bin-2.24.33-2+deb12u1.amd64@bookworm
#>install libgtk2.0-common-2.24.33-2+deb12u1.all@bookworm
#>install libgtk3-perl-0.038-3.all@bookworm
#>install libgtkmm-3.0-1v5-3.24.7-1.amd64@bookworm
#>install libgtksourceview-4-0-4.8.4-4.amd64@bookworm
#>install libgtksourceview-4-common-4.8.4-4.all@bookworm
#>install libgtksourceview-5-0-5.6.2-1.amd64@bookworm
#>install libgtksourceview-5-common-5.6.2-1.all@bookworm
#>install libgtop-2.0-11-2.40.0-2.amd64@bookworm
#>install libgtop2-common-2.40.0-2.all@bookworm
#>install libgudev-1.0-0-237-2.amd64@bookworm
#>install libgupnp-1.6-0-1.6.3-1.amd64@bookworm
#>install libgupnp-av-1.0-3-0.14.1-1.amd64@bookworm
#>install libgupnp-dlna-2.0-4-0.12.0-3.amd64@bookworm
#>install libgupnp-igd-1.0-4-1.2.0-3.amd64@bookworm
#>install libgusb2-0.3.10-1.amd64@bookworm
#>install libgweather-4-0-4.2.0-2.amd64@bookworm
#>install libgweather-4-common-4.2.0-2.all@bookworm
#>install libgxps2-0.3.2-2+b1.amd64@bookworm
#>install libhandy-1-0-1.8.1-1.amd64@bookworm
#>install libharfbuzz-icu0-6.0.0+dfsg-3.amd64@bookworm
#>install libharfbuzz-subset0-6.0.0+dfsg-3.amd64@bookworm
#>install libharfbuzz0b-6.0.0+dfsg-3.amd64@bookworm
#>install libheif1-1.15.1-1+deb12u1.amd64@bookworm
#>install libhtml-form-perl-6.11-1.all@bookworm
#>install libhtml-format-perl-2.16-2.all@bookworm
#>install libhtml-parser-perl-3.81-1+deb12u1.amd64@bookworm
#>install libhtml-tagset-perl-3.20-6.all@bookworm
#>install libhtml-tree-perl-5.07-3.all@bookworm
#>install libhttp-cookies-perl-6.10-1.all@bookworm
#>install libhttp-daemon-perl-6.16-1+deb13u1~deb12u1.all@bookworm
#>install libhttp-date-perl-6.05-2.all@bookworm
#>install libhttp-message-perl-6.44-1.all@bookworm
#>install libhttp-negotiate-perl-6.01-2.all@bookworm
#>install libhunspell-1.7-0-1.7.1-1.amd64@bookworm
#>install libhwy1-1.0.3-3+deb12u1.amd64@bookworm
#>install libhyphen0-2.8.8-7.amd64@bookworm
#>install libibus-1.0-5-1.5.27-5.amd64@bookworm
#>install libical3-3.0.16-1+b1.amd64@bookworm
#>install libice6-2:1.0.10-1.amd64@bookworm
#>install libiec61883-0-1.2.0-6+b1.amd64@bookworm
#>install libieee1284-3-0.2.11-14.amd64@bookworm
#>install libijs-0.35-0.35-15.amd64@bookworm
#>install libimath-3-1-29-3.1.6-1.amd64@bookworm
#>install libimobiledevice6-1.3.0-6+b3.amd64@bookworm
#>install libinput-bin-1.22.1-1+deb12u1.amd64@bookworm
#>install libinput10-1.22.1-1+deb12u1.amd64@bookworm
#>install libinstpatch-1.0-2-1.1.6-1.amd64@bookworm
#>install libio-html-perl-1.004-3.all@bookworm
#>install libio-socket-ssl-perl-2.081-2.all@bookworm
#>install libio-stringy-perl-2.111-3.all@bookworm
#>install libipc-system-simple-perl-1.30-2.all@bookworm
#>install libiptcdata0-1.0.5-2.3.amd64@bookworm
#>install libisl23-0.25-1.1.amd64@bookworm
#>install libjack-jackd2-0-1.9.21~dfsg-3.amd64@bookworm
#>install libjavascriptcoregtk-4.0-18-2.50.6-1~deb12u2.amd64@bookworm
#>install libjavascriptcoregtk-4.1-0-2.50.6-1~deb12u2.amd64@bookworm
#>install libjaylink0-0.3.1-1.amd64@bookworm
#>install libjbig0-2.1-6.1.amd64@bookworm
#>install libjbig2dec0-0.19-3.amd64@bookworm
#>install libjcat1-0.2.3-1~deb12u1.amd64@bookworm
#>install libjim0.81-0.81+dfsg0-2.amd64@bookworm
#>install libjpeg62-turbo-1:2.1.5-2.amd64@bookworm
#>install libjq1-1.6-2.1+deb12u2.amd64@bookworm
#>install libjson-glib-1.0-0-1.6.6-1.amd64@bookworm
#>install libjson-glib-1.0-common-1.6.6-1.all@bookworm
#>install libjxl0.7-0.7.0-10+deb12u1.amd64@bookworm
#>install libjxr-tools-1.2~git20170615.f752187-5.amd64@bookworm
#>install libjxr0-1.2~git20170615.f752187-5.amd64@bookworm
#>install libkate1-0.4.1-11.amd64@bookworm
#>install libkmod2-30+20221128-1.amd64@bookworm
#>install libkpathsea6-2022.20220321.62855-5.1+deb12u2.amd64@bookworm
#>install libksba8-1.6.3-2.amd64@bookworm
#>install liblc3-0-1.0.1-1+b1.amd64@bookworm
#>install liblcms2-2-2.14-2+deb12u1.amd64@bookworm
#>install libldacbt-abr2-2.0.2.3+git20200429+ed310a0-4.amd64@bookworm
#>install libldacbt-enc2-2.0.2.3+git20200429+ed310a0-4.amd64@bookworm
#>install libldb2-2:2.6.2+samba4.17.12+dfsg-0+deb12u4.amd64@bookworm
#>install liblept5-1.82.0-3+b3.amd64@bookworm
#>install liblerc4-4.0.0+ds-2.amd64@bookworm
#>install liblilv-0-0-0.24.14-1.amd64@bookworm
#>install libllvm15-1:15.0.6-4+b1.amd64@bookworm
#>install liblmdb0-0.9.24-1.amd64@bookworm
#>install liblqr-1-0-0.4.2-2.1.amd64@bookworm
#>install liblrdf0-0.6.1-4.amd64@bookworm
#>install libltc11-1.3.2-1.amd64@bookworm
#>install liblua5.4-0-5.4.4-3+deb12u1.amd64@bookworm
#>install liblwp-mediatypes-perl-6.04-2.all@bookworm
#>install liblwp-protocol-https-perl-6.10-1.all@bookworm
#>install liblzo2-2-2.10-2.amd64@bookworm
#>install libmagic-mgc-1:5.44-3.amd64@bookworm
#>install libmagic1-1:5.44-3.amd64@bookworm
#>install libmagickcore-6.q16-6-8:6.9.11.60+dfsg-1.6+deb12u11.amd64@bookworm
#>install libmagickcore-6.q16-6-extra-8:6.9.11.60+dfsg-1.6+deb12u11.amd64@bookworm
#>install libmagickwand-6.q16-6-8:6.9.11.60+dfsg-1.6+deb12u11.amd64@bookworm
#>install libmailtools-perl-2.21-2.all@bookworm
#>install libmalcontent-0-0-0.11.0-4.amd64@bookworm
#>install libmalcontent-ui-1-1-0.11.0-4.amd64@bookworm
#>install libmanette-0.2-0-0.2.6-3+b1.amd64@bookworm
#>install libmbedcrypto7-2.28.3-1.amd64@bookworm
#>install libmbim-glib4-1.28.2-1.amd64@bookworm
#>install libmbim-proxy-1.28.2-1.amd64@bookworm
#>install libmbim-utils-1.28.2-1.amd64@bookworm
#>install libmediaart-2.0-0-1.9.6-1.amd64@bookworm
#>install libmfx1-22.5.4-1.amd64@bookworm
#>install libminizip1-1.1-8+deb12u1.amd64@bookworm
#>install libmjpegutils-2.1-0-1:2.1.0+debian-7.amd64@bookworm
#>install libmm-glib0-1.20.4-1.amd64@bookworm
#>install libmodplug1-1:0.8.9.0-3.amd64@bookworm
#>install libmozjs-102-0-102.15.1-1~deb12u1.amd64@bookworm
#>install libmp3lame0-3.100-6.amd64@bookworm
#>install libmpc3-1.3.1-1.amd64@bookworm
#>install libmpcdec6-2:0.1~r495-2.amd64@bookworm
#>install libmpeg2-4-0.5.1-9.amd64@bookworm
#>install libmpeg2encpp-2.1-0-1:2.1.0+debian-7.amd64@bookworm
#>install libmpfr6-4.2.0-1.amd64@bookworm
#>install libmpg123-0-1.31.2-1+deb12u1.amd64@bookworm
#>install libmplex2-2.1-0-1:2.1.0+debian-7.amd64@bookworm
#>install libmtdev1-1.1.6-1.amd64@bookworm
#>install libmtp-common-1.1.20-1.all@bookworm
#>install libmtp-runtime-1.1.20-1.amd64@bookworm
#>install libmtp9-1.1.20-1.amd64@bookworm
#>install libmutter-11-0-43.8-0+deb12u1.amd64@bookworm
#>install libmysofa1-1.3.1~dfsg0-1.amd64@bookworm
#>install libnautilus-extension4-43.2-1.amd64@bookworm
#>install libncurses6-6.4-4.amd64@bookworm
#>install libndp0-1.8-1+deb12u1.amd64@bookworm
#>install libneon27-0.32.5-1.amd64@bookworm
#>install libnet-dbus-perl-1.2.0-2.amd64@bookworm
#>install libnet-http-perl-6.22-1.all@bookworm
#>install libnet-smtp-ssl-perl-1.04-2.all@bookworm
#>install libnet-ssleay-perl-1.92-2+b1.amd64@bookworm
#>install libnetfilter-conntrack3-1.0.9-3.amd64@bookworm
#>install libnewt0.52-0.52.23-1+b1.amd64@bookworm
#>install libnfnetlink0-1.0.2-2.amd64@bookworm
#>install libnfs13-4.0.0-1.amd64@bookworm
#>install libnftables1-1.0.6-2+deb12u2.amd64@bookworm
#>install libnftnl11-1.2.4-2.amd64@bookworm
#>install libnice10-0.1.21-1.amd64@bookworm
#>install libnl-3-200-3.7.0-0.2+b1.amd64@bookworm
#>install libnl-genl-3-200-3.7.0-0.2+b1.amd64@bookworm
#>install libnl-route-3-200-3.7.0-0.2+b1.amd64@bookworm
#>install libnm0-1.42.4-1+deb12u1.amd64@bookworm
#>install libnma-common-1.10.6-1.all@bookworm
#>install libnma-gtk4-0-1.10.6-1.amd64@bookworm
#>install libnma0-1.10.6-1.amd64@bookworm
#>install libnorm1-1.5.9+dfsg-2.amd64@bookworm
#>install libnotify4-0.8.1-1.amd64@bookworm
#>install libnpth0-1.6-3.amd64@bookworm
#>install libnspr4-2:4.35-1.amd64@bookworm
#>install libnss-mdns-0.15.1-3.amd64@bookworm
#>install libnss-myhostname-252.39-1~deb12u2.amd64@bookworm
#>install libnss3-2:3.87.1-1+deb12u2.amd64@bookworm
#>install libntfs-3g89-1:2022.10.3-1+deb12u3.amd64@bookworm
#>install libnuma1-2.0.16-1.amd64@bookworm
#>install liboauth0-1.0.3-5.amd64@bookworm
#>install libogg0-1.3.5-3.amd64@bookworm
#>install libonig5-6.9.8-1.amd64@bookworm
#>install libopenal-data-1:1.19.1-2.all@bookworm
#>install libopenal1-1:1.19.1-2.amd64@bookworm
#>install libopencore-amrnb0-0.1.6-1.amd64@bookworm
#>install libopencore-amrwb0-0.1.6-1.amd64@bookworm
#>install libopenexr-3-1-30-3.1.5-5.amd64@bookworm
#>install libopengl0-1.6.0-1.amd64@bookworm
#>install libopenh264-7-2.3.1+dfsg-3+deb12u2.amd64@bookworm
#>install libopenjp2-7-2.5.0-2+deb12u3.amd64@bookworm
#>install libopenmpt0-0.6.9-1.amd64@bookworm
#>install libopenni2-0-2.2.0.33+dfsg-15+b1.amd64@bookworm
#>install libopus0-1.3.1-3.amd64@bookworm
#>install liborc-0.4-0-1:0.4.33-2.amd64@bookworm
#>install libosinfo-1.0-0-1.10.0-2.amd64@bookworm
#>install libosinfo-l10n-1.10.0-2.all@bookworm
#>install libostree-1-1-2022.7-2+deb12u1.amd64@bookworm
#>install libpackagekit-glib2-18-1.2.6-5+deb12u1.amd64@bookworm
#>install libpam-gnome-keyring-42.1-1+b2.amd64@bookworm
#>install libpango-1.0-0-1.50.12+ds-1.amd64@bookworm
#>install libpangocairo-1.0-0-1.50.12+ds-1.amd64@bookworm
#>install libpangoft2-1.0-0-1.50.12+ds-1.amd64@bookworm
#>install libpangomm-1.4-1v5-2.46.3-1.amd64@bookworm
#>install libpangoxft-1.0-0-1.50.12+ds-1.amd64@bookworm
#>install libpaper-utils-1.1.29.amd64@bookworm
#>install libpaper1-1.1.29.amd64@bookworm
#>install libparted-fs-resize0-3.5-3.amd64@bookworm
#>install libparted2-3.5-3.amd64@bookworm
#>install libpcap0.8-1.10.3-1.amd64@bookworm
#>install libpci3-1:3.9.0-4.amd64@bookworm
#>install libpciaccess0-0.17-2.amd64@bookworm
#>install libpcsclite1-1.9.9-2.amd64@bookworm
#>install libpeas-1.0-0-1.34.0-1+b1.amd64@bookworm
#>install libpeas-common-1.34.0-1.all@bookworm
#>install libpgm-5.3-0-5.3.128~dfsg-2.amd64@bookworm
#>install libphonenumber8-8.12.57+ds-3.amd64@bookworm
#>install libpipeline1-1.5.7-1.amd64@bookworm
#>install libpipewire-0.3-0-0.3.65-3+deb12u1.amd64@bookworm
#>install libpipewire-0.3-common-0.3.65-3+deb12u1.all@bookworm
#>install libpipewire-0.3-modules-0.3.65-3+deb12u1.amd64@bookworm
#>install libpixman-1-0-0.42.2-1.amd64@bookworm
#>install libplacebo208-4.208.0-3.amd64@bookworm
#>install libplist3-2.2.0-6+b2.amd64@bookworm
#>install libpng16-16-1.6.39-2+deb12u5.amd64@bookworm
#>install libpocketsphinx3-0.8+5prealpha+1-15.amd64@bookworm
#>install libpoppler-glib8-22.12.0-2+deb12u2.amd64@bookworm
#>install libpoppler126-22.12.0-2+deb12u2.amd64@bookworm
#>install libportal-gtk3-1-0.6-4.amd64@bookworm
#>install libportal-gtk4-1-0.6-4.amd64@bookworm
#>install libportal1-0.6-4.amd64@bookworm
#>install libpostproc56-7:5.1.9-0+deb12u1.amd64@bookworm
#>install libprotobuf-c1-1.4.1-1+b1.amd64@bookworm
#>install libprotobuf32-3.21.12-3+deb12u1.amd64@bookworm
#>install libproxy1-plugin-gsettings-0.4.18-1.2.amd64@bookworm
#>install libproxy1-plugin-networkmanager-0.4.18-1.2.amd64@bookworm
#>install libproxy1-plugin-webkit-0.4.18-1.2.amd64@bookworm
#>install libproxy1v5-0.4.18-1.2.amd64@bookworm
#>install libpulse-mainloop-glib0-16.1+dfsg1-2+b1.amd64@bookworm
#>install libpulse0-16.1+dfsg1-2+b1.amd64@bookworm
#>install libpwquality-common-1.4.5-1.all@bookworm
#>install libpwquality1-1.4.5-1+b1.amd64@bookworm
#>install libpython3.11-3.11.2-6+deb12u8.amd64@bookworm
#>install libqmi-glib5-1.32.2-1.amd64@bookworm
#>install libqmi-proxy-1.32.2-1.amd64@bookworm
#>install libqmi-utils-1.32.2-1.amd64@bookworm
#>install libqrencode4-4.1.1-1.amd64@bookworm
#>install libqrtr-glib0-1.2.2-1.amd64@bookworm
#>install libquadmath0-12.2.0-14+deb12u1.amd64@bookworm
#>install librabbitmq4-0.11.0-1+deb12u2.amd64@bookworm
#>install libraptor2-0-2.0.15-4+deb12u1.amd64@bookworm
#>install librav1e0-0.5.1-6.amd64@bookworm
#>install libraw1394-11-2.1.2-2.amd64@bookworm
#>install libregexp-ipv6-perl-0.03-3.all@bookworm
#>install librest-1.0-0-0.9.1-6.amd64@bookworm
#>install librist4-0.2.7+dfsg-1.amd64@bookworm
#>install librsvg2-2-2.54.7+dfsg-1~deb12u1.amd64@bookworm
#>install librsvg2-common-2.54.7+dfsg-1~deb12u1.amd64@bookworm
#>install librubberband2-3.1.2+dfsg0-1.amd64@bookworm
#>install librygel-core-2.8-0-0.42.1-1.amd64@bookworm
#>install librygel-db-2.8-0-0.42.1-1.amd64@bookworm
#>install librygel-renderer-2.8-0-0.42.1-1.amd64@bookworm
#>install librygel-server-2.8-0-0.42.1-1.amd64@bookworm
#>install libsamplerate0-0.2.2-3.amd64@bookworm
#>install libsane-common-1.2.1-2.all@bookworm
#>install libsane1-1.2.1-2.amd64@bookworm
#>install libsbc1-2.0-1.amd64@bookworm
#>install libsdl2-2.0-0-2.26.5+dfsg-1.amd64@bookworm
#>install libsecret-1-0-0.20.5-3.amd64@bookworm
#>install libsecret-common-0.20.5-3.all@bookworm
#>install libserd-0-0-0.30.16-1.amd64@bookworm
#>install libshine3-3.1.1-2.amd64@bookworm
#>install libshout3-2.4.6-1+b1.amd64@bookworm
#>install libsidplay1v5-1.36.60-1.amd64@bookworm
#>install libsigc++-2.0-0v5-2.12.0-1.amd64@bookworm
#>install libslang2-2.3.3-3.amd64@bookworm
#>install libsm6-2:1.2.3-1.amd64@bookworm
#>install libsmbclient-2:4.17.12+dfsg-0+deb12u4.amd64@bookworm
#>install libsnapd-glib-2-1-1.63-5.amd64@bookworm
#>install libsnappy1v5-1.1.9-3.amd64@bookworm
#>install libsndfile1-1.2.0-1+deb12u1.amd64@bookworm
#>install libsndio7.0-1.9.0-0.3+b2.amd64@bookworm
#>install libsnmp-base-5.9.3+dfsg-2+deb12u1.all@bookworm
#>install libsnmp40-5.9.3+dfsg-2+deb12u1.amd64@bookworm
#>install libsodium23-1.0.18-1+deb12u1.amd64@bookworm
#>install libsord-0-0-0.16.14+git221008-1.amd64@bookworm
#>install libsoundtouch1-2.3.2+ds1-1.amd64@bookworm
#>install libsoup-3.0-0-3.2.3-0+deb12u2.amd64@bookworm
#>install libsoup-3.0-common-3.2.3-0+deb12u2.all@bookworm
#>install libsoup2.4-1-2.74.3-1+deb12u1.amd64@bookworm
#>install libsoup2.4-common-2.74.3-1+deb12u1.all@bookworm
#>install libsoxr0-0.1.3-4.amd64@bookworm
#>install libspa-0.2-bluetooth-0.3.65-3+deb12u1.amd64@bookworm
#>install libspa-0.2-modules-0.3.65-3+deb12u1.amd64@bookworm
#>install libspandsp2-0.0.6+dfsg-2+b1.amd64@bookworm
#>install libspectre1-0.2.12-1.amd64@bookworm
#>install libspeex1-1.2.1-2.amd64@bookworm
#>install libsphinxbase3-0.8+5prealpha+1-16.amd64@bookworm
#>install libsratom-0-0-0.6.14-1.amd64@bookworm
#>install libsrt1.5-gnutls-1.5.1-1+deb12u1.amd64@bookworm
#>install libsrtp2-1-2.5.0-3.amd64@bookworm
#>install libssh-gcrypt-4-0.10.6-0+deb12u2.amd64@bookworm
#>install libstartup-notification0-0.12-6+b1.amd64@bookworm
#>install libstemmer0d-2.2.0-2.amd64@bookworm
#>install libsvtav1enc1-1.4.1+dfsg-1.amd64@bookworm
#>install libswresample4-7:5.1.9-0+deb12u1.amd64@bookworm
#>install libswscale6-7:5.1.9-0+deb12u1.amd64@bookworm
#>install libsynctex2-2022.20220321.62855-5.1+deb12u2.amd64@bookworm
#>install libtag1v5-1.13-2+deb12u1.amd64@bookworm
#>install libtag1v5-vanilla-1.13-2+deb12u1.amd64@bookworm
#>install libtalloc2-2.4.0-f2.amd64@bookworm
#>install libtdb1-1.4.8-2.amd64@bookworm
#>install libteamdctl0-1.31-1.amd64@bookworm
#>install libtesseract5-5.3.0-2.amd64@bookworm
#>install libtevent0-0.14.1-1.amd64@bookworm
#>install libthai-data-0.1.29-1.all@bookworm
#>install libthai0-0.1.29-1.amd64@bookworm
#>install libtheora0-1.1.1+dfsg.1-16.1+deb12u1.amd64@bookworm
#>install libtie-ixhash-perl-1.23-4.all@bookworm
#>install libtiff6-4.5.0-6+deb12u4.amd64@bookworm
#>install libtimedate-perl-2.3300-2.all@bookworm
#>install libtotem-plparser-common-3.26.6-1.all@bookworm
#>install libtotem-plparser18-3.26.6-1+b1.amd64@bookworm
#>install libtotem0-43.0-2.amd64@bookworm
#>install libtracker-sparql-3.0-0-3.4.2-1.amd64@bookworm
#>install libtry-tiny-perl-0.31-2.all@bookworm
#>install libtss2-esys-3.0.2-0-3.2.1-3.amd64@bookworm
#>install libtss2-mu0-3.2.1-3.amd64@bookworm
#>install libtss2-rc0-3.2.1-3.amd64@bookworm
#>install libtss2-sys1-3.2.1-3.amd64@bookworm
#>install libtss2-tcti-cmd0-3.2.1-3.amd64@bookworm
#>install libtss2-tcti-device0-3.2.1-3.amd64@bookworm
#>install libtss2-tcti-mssim0-3.2.1-3.amd64@bookworm
#>install libtss2-tcti-swtpm0-3.2.1-3.amd64@bookworm
#>install libtss2-tctildr0-3.2.1-3.amd64@bookworm
#>install libtwolame0-0.4.0-2.amd64@bookworm
#>install libuchardet0-0.0.7-1.amd64@bookworm
#>install libudfread0-1.1.2-1.amd64@bookworm
#>install libudisks2-0-2.9.4-4+deb12u2.amd64@bookworm
#>install libunwind8-1.6.2-3.amd64@bookworm
#>install libupower-glib3-0.99.20-2.amd64@bookworm
#>install liburi-perl-5.17-1.all@bookworm
#>install libusb-1.0-0-2:1.0.26-1.amd64@bookworm
#>install libusbmuxd6-2.0.2-3.amd64@bookworm
#>install libv4l-0-1.22.1-5+b2.amd64@bookworm
#>install libv4lconvert0-1.22.1-5+b2.amd64@bookworm
#>install libva-drm2-2.17.0-1.amd64@bookworm
#>install libva-x11-2-2.17.0-1.amd64@bookworm
#>install libva2-2.17.0-1.amd64@bookworm
#>install libvdpau-va-gl1-0.4.2-1+b1.amd64@bookworm
#>install libvdpau1-1.5-2.amd64@bookworm
#>install libvidstab1.1-1.1.0-2+b1.amd64@bookworm
#>install libvisual-0.4-0-0.4.0-19.amd64@bookworm
#>install libvo-aacenc0-0.1.3-2.amd64@bookworm
#>install libvo-amrwbenc0-0.1.3-2.amd64@bookworm
#>install libvorbis0a-1.3.7-1.amd64@bookworm
#>install libvorbisenc2-1.3.7-1.amd64@bookworm
#>install libvorbisfile3-1.3.7-1.amd64@bookworm
#>install libvpx7-1.12.0-1+deb12u5.amd64@bookworm
#>install libvte-2.91-common-0.70.6-2~deb12u1.amd64@bookworm
#>install libvte-2.91-gtk4-0-0.70.6-2~deb12u1.amd64@bookworm
#>install libvulkan1-1.3.239.0-1.amd64@bookworm
#>install libwacom-common-2.6.0-1.all@bookworm
#>install libwacom9-2.6.0-1.amd64@bookworm
#>install libwavpack1-5.6.0-1.amd64@bookworm
#>install libwayland-client0-1.21.0-1.amd64@bookworm
#>install libwayland-cursor0-1.21.0-1.amd64@bookworm
#>install libwayland-egl1-1.21.0-1.amd64@bookworm
#>install libwayland-server0-1.21.0-1.amd64@bookworm
#>install libwbclient0-2:4.17.12+dfsg-0+deb12u4.amd64@bookworm
#>install libwebkit2gtk-4.1-0-2.50.6-1~deb12u2.amd64@bookworm
#>install libwebp7-1.2.4-0.2+deb12u1.amd64@bookworm
#>install libwebpdemux2-1.2.4-0.2+deb12u1.amd64@bookworm
#>install libwebpmux3-1.2.4-0.2+deb12u1.amd64@bookworm
#>install libwebrtc-audio-processing1-0.3-1+b1.amd64@bookworm
#>install libwildmidi2-0.4.3-1.amd64@bookworm
#>install libwinpr2-2-2.11.7+dfsg1-6~deb12u1.amd64@bookworm
#>install libwireplumber-0.4-0-0.4.13-1.amd64@bookworm
#>install libwmflite-0.2-7-0.2.12-5.1.amd64@bookworm
#>install libwoff1-1.0.2-2.amd64@bookworm
#>install libwww-perl-6.68-1.all@bookworm
#>install libwww-robotrules-perl-6.02-1.all@bookworm
#>install libx11-protocol-perl-0.56-9.all@bookworm
#>install libx11-xcb1-2:1.8.4-2+deb12u2.amd64@bookworm
#>install libx264-164-2:0.164.3095+gitbaee400-3.amd64@bookworm
#>install libx265-199-3.5-2+b1.amd64@bookworm
#>install libxaw7-2:1.0.14-1.amd64@bookworm
#>install libxcb-damage0-1.15-1.amd64@bookworm
#>install libxcb-dri2-0-1.15-1.amd64@bookworm
#>install libxcb-dri3-0-1.15-1.amd64@bookworm
#>install libxcb-glx0-1.15-1.amd64@bookworm
#>install libxcb-icccm4-0.4.1-1.1.amd64@bookworm
#>install libxcb-image0-0.4.0-2.amd64@bookworm
#>install libxcb-keysyms1-0.4.0-1+b2.amd64@bookworm
#>install libxcb-present0-1.15-1.amd64@bookworm
#>install libxcb-randr0-1.15-1.amd64@bookworm
#>install libxcb-render-util0-0.3.9-1+b1.amd64@bookworm
#>install libxcb-render0-1.15-1.amd64@bookworm
#>install libxcb-res0-1.15-1.amd64@bookworm
#>install libxcb-shape0-1.15-1.amd64@bookworm
#>install libxcb-shm0-1.15-1.amd64@bookworm
#>install libxcb-sync1-1.15-1.amd64@bookworm
#>install libxcb-util1-0.4.0-1+b1.amd64@bookworm
#>install libxcb-xfixes0-1.15-1.amd64@bookworm
#>install libxcb-xkb1-1.15-1.amd64@bookworm
#>install libxcb-xv0-1.15-1.amd64@bookworm
#>install libxcomposite1-1:0.4.5-1.amd64@bookworm
#>install libxcursor1-1:1.2.1-1.amd64@bookworm
#>install libxcvt0-0.1.2-1.amd64@bookworm
#>install libxdamage1-1:1.1.6-1.amd64@bookworm
#>install libxfixes3-1:6.0.0-2.amd64@bookworm
#>install libxfont2-1:2.0.6-1.amd64@bookworm
#>install libxft2-2.3.6-1.amd64@bookworm
#>install libxi6-2:1.8-1+b1.amd64@bookworm
#>install libxinerama1-2:1.1.4-3.amd64@bookworm
#>install libxkbcommon-x11-0-1.5.0-1.amd64@bookworm
#>install libxkbcommon0-1.5.0-1.amd64@bookworm
#>install libxkbfile1-1:1.1.0-1.amd64@bookworm
#>install libxkbregistry0-1.5.0-1.amd64@bookworm
#>install libxklavier16-5.4-4.amd64@bookworm
#>install libxml-parser-perl-2.46-4+deb12u1.amd64@bookworm
#>install libxml-twig-perl-1:3.52-2.all@bookworm
#>install libxml-xpath-perl-1.48-1.all@bookworm
#>install libxmlb2-0.3.22-1~deb12u1.amd64@bookworm
#>install libxmu6-2:1.1.3-3.amd64@bookworm
#>install libxnvctrl0-525.85.05-3~deb12u1.amd64@bookworm
#>install libxpm4-1:3.5.12-1.1+deb12u1.amd64@bookworm
#>install libxrandr2-2:1.5.2-2+b1.amd64@bookworm
#>install libxrender1-1:0.9.10-1.1.amd64@bookworm
#>install libxshmfence1-1.3-1.amd64@bookworm
#>install libxss1-1:1.2.3-1.amd64@bookworm
#>install libxt6-1:1.2.1-1.1.amd64@bookworm
#>install libxtst6-2:1.2.3-1.1.amd64@bookworm
#>install libxv1-2:1.0.11-1.1.amd64@bookworm
#>install libxvidcore4-2:1.3.7-1.amd64@bookworm
#>install libxxf86dga1-2:1.1.5-1.amd64@bookworm
#>install libxxf86vm1-1:1.1.4-1+b2.amd64@bookworm
#>install libyajl2-2.1.0-3+deb12u2.amd64@bookworm
#>install libyaml-0-2-0.2.5-1.amd64@bookworm
#>install libyelp0-42.2-1+deb12u2.amd64@bookworm
#>install libyuv0-0.0~git20230123.b2528b0-1.amd64@bookworm
#>install libzbar0-0.23.92-7+deb12u1.amd64@bookworm
#>install libzimg2-3.0.4+ds1-1.amd64@bookworm
#>install libzmq5-4.3.4-6.amd64@bookworm
#>install libzvbi-common-0.2.41-1+deb12u1.all@bookworm
#>install libzvbi0-0.2.41-1+deb12u1.amd64@bookworm
#>install libzxing2-1.4.0-3+b1.amd64@bookworm
#>install low-memory-monitor-2.1-1.amd64@bookworm
#>install lsb-release-12.0-1.all@bookworm
#>install lsof-4.95.0-1.amd64@bookworm
#>install malcontent-0.11.0-4.all@bookworm
#>install malcontent-gui-0.11.0-4.amd64@bookworm
#>install man-db-2.11.2-2.amd64@bookworm
#>install mesa-vulkan-drivers-22.3.6-1+deb12u2.amd64@bookworm
#>install miscfiles-1.5+dfsg-4.all@bookworm
#>install mobile-broadband-provider-info-20230416-1.all@bookworm
#>install modemmanager-1.20.4-1.amd64@bookworm
#>install mount-2.38.1-5+deb12u3.amd64@bookworm
#>install mutter-common-43.8-0+deb12u1.all@bookworm
#>install nautilus-43.2-1.amd64@bookworm
#>install nautilus-data-43.2-1.all@bookworm
#>install network-manager-1.42.4-1+deb12u1.amd64@bookworm
#>install network-manager-gnome-1.30.0-2.amd64@bookworm
#>install ntfs-3g-1:2022.10.3-1+deb12u3.amd64@bookworm
#>install ocl-icd-libopencl1-2.3.1-1.amd64@bookworm
#>install opensysusers-0.7.3-2.all@bookworm
#>install osinfo-db-0.20221130-2.all@bookworm
#>install p11-kit-0.24.1-2.amd64@bookworm
#>install p11-kit-modules-0.24.1-2.amd64@bookworm
#>install packagekit-1.2.6-5+deb12u1.amd64@bookworm
#>install packagekit-tools-1.2.6-5+deb12u1.amd64@bookworm
#>install parted-3.5-3.amd64@bookworm
#>install pci.ids-0.0~2023.04.11-1.all@bookworm
#>install perl-openssl-defaults-7+b1.amd64@bookworm
#>install pinentry-gnome3-1.2.1-1.amd64@bookworm
#>install pipewire-0.3.65-3+deb12u1.amd64@bookworm
#>install pipewire-alsa-0.3.65-3+deb12u1.amd64@bookworm
#>install pipewire-audio-0.3.65-3+deb12u1.all@bookworm
#>install pipewire-bin-0.3.65-3+deb12u1.amd64@bookworm
#>install pipewire-pulse-0.3.65-3+deb12u1.amd64@bookworm
#>install pkexec-122-3.amd64@bookworm
#>install pocketsphinx-en-us-0.8+5prealpha+1-15.all@bookworm
#>install poppler-data-0.4.12-1.all@bookworm
#>install power-profiles-daemon-0.12-1+b1.amd64@bookworm
#>install ppp-2.4.9-1+1.1+b1.amd64@bookworm
#>install python-apt-common-2.6.0.all@bookworm
#>install python3-apt-2.6.0.amd64@bookworm
#>install python3-blinker-1.5-1.all@bookworm
#>install python3-cairo-1.20.1-5+b1.amd64@bookworm
#>install python3-certifi-2022.9.24-1.all@bookworm
#>install python3-cffi-backend-1.15.1-5+b1.amd64@bookworm
#>install python3-chardet-5.1.0+dfsg-2.all@bookworm
#>install python3-charset-normalizer-3.0.1-2.all@bookworm
#>install python3-cryptography-38.0.4-3+deb12u1.amd64@bookworm
#>install python3-cups-2.0.1-5+b4.amd64@bookworm
#>install python3-cupshelpers-1.5.18-1.all@bookworm
#>install python3-dateutil-2.8.2-2.all@bookworm
#>install python3-dbus-1.3.2-4+b1.amd64@bookworm
#>install python3-distro-1.8.0-1.all@bookworm
#>install python3-distro-info-1.5+deb12u1.all@bookworm
#>install python3-gi-3.42.2-3+b1.amd64@bookworm
#>install python3-httplib2-0.20.4-3.all@bookworm
#>install python3-ibus-1.0-1.5.27-5.all@bookworm
#>install python3-idna-3.3-1+deb12u1.all@bookworm
#>install python3-jwt-2.6.0-1+deb12u1.all@bookworm
#>install python3-lazr.restfulclient-0.14.5-1.all@bookworm
#>install python3-lazr.uri-1.0.6-3.all@bookworm
#>install python3-oauthlib-3.2.2-1.all@bookworm
#>install python3-pkg-resources-66.1.1-1+deb12u2.all@bookworm
#>install python3-pyparsing-3.0.9-1.all@bookworm
#>install python3-requests-2.28.1+dfsg-1.all@bookworm
#>install python3-six-1.16.0-4.all@bookworm
#>install python3-smbc-1.0.23-2+b4.amd64@bookworm
#>install python3-software-properties-0.99.30-4.1~deb12u1.all@bookworm
#>install python3-urllib3-1.26.12-1+deb12u4.all@bookworm
#>install python3-wadllib-1.3.6-4.all@bookworm
#>install python3-xdg-0.28-2.all@bookworm
#>install realmd-0.17.1-1.amd64@bookworm
#>install rtkit-0.13-5.amd64@bookworm
#>install rygel-0.42.1-1.amd64@bookworm
#>install samba-libs-2:4.17.12+dfsg-0+deb12u4.amd64@bookworm
#>install sane-airscan-0.99.27-1+b1.amd64@bookworm
#>install sane-utils-1.2.1-2.amd64@bookworm
#>install sgml-data-2.0.11+nmu1.all@bookworm
#>install software-properties-common-0.99.30-4.1~deb12u1.all@bookworm
#>install software-properties-gtk-0.99.30-4.1~deb12u1.all@bookworm
#>install sound-theme-freedesktop-0.8-2.all@bookworm
#>install switcheroo-control-2.6-1+b1.amd64@bookworm
#>install system-config-printer-1.5.18-1.all@bookworm
#>install system-config-printer-common-1.5.18-1.all@bookworm
#>install system-config-printer-udev-1.5.18-1.amd64@bookworm
#>install totem-43.0-2.amd64@bookworm
#>install totem-common-43.0-2.all@bookworm
#>install totem-plugins-43.0-2.amd64@bookworm
#>install tpm-udev-0.6.all@bookworm
#>install tracker-3.4.2-1.amd64@bookworm
#>install tracker-extract-3.4.3-1.amd64@bookworm
#>install tracker-miner-fs-3.4.3-1.amd64@bookworm
#>install udev-252.39-1~deb12u2.amd64@bookworm
#>install udisks2-2.9.4-4+deb12u2.amd64@bookworm
#>install unzip-6.0-28.amd64@bookworm
#>install update-inetd-4.53.all@bookworm
#>install upower-0.99.20-2.amd64@bookworm
#>install usb-modeswitch-2.6.1-3+b1.amd64@bookworm
#>install usb-modeswitch-data-20191128-5.all@bookworm
#>install usb.ids-2025.07.26-0+deb12u1.all@bookworm
#>install usbmuxd-1.1.1-2+deb12u1.amd64@bookworm
#>install webp-pixbuf-loader-0.2.1-1.amd64@bookworm
#>install wireless-regdb-2026.05.30-1~deb12u1.all@bookworm
#>install wireplumber-0.4.13-1.amd64@bookworm
#>install wpasupplicant-2:2.10-12+deb12u3.amd64@bookworm
#>install x11-apps-7.7+9.amd64@bookworm
#>install x11-common-1:7.7+23.all@bookworm
#>install x11-session-utils-7.7+5.amd64@bookworm
#>install x11-utils-7.7+5.amd64@bookworm
#>install x11-xkb-utils-7.7+7.amd64@bookworm
#>install x11-xserver-utils-7.7+9+b1.amd64@bookworm
#>install xbitmaps-1.1.1-2.2.all@bookworm
#>install xcvt-0.1.2-1.amd64@bookworm
#>install xdg-dbus-proxy-0.1.4-3+deb12u1.amd64@bookworm
#>install xdg-desktop-portal-1.16.0-2.amd64@bookworm
#>install xdg-desktop-portal-gnome-43.1-2.amd64@bookworm
#>install xdg-desktop-portal-gtk-1.14.1-1.amd64@bookworm
#>install xdg-utils-1.1.3-4.1.all@bookworm
#>install xfonts-100dpi-1:1.0.5.all@bookworm
#>install xfonts-75dpi-1:1.0.5.all@bookworm
#>install xfonts-base-1:1.0.5+nmu1.all@bookworm
#>install xfonts-encodings-1:1.0.4-2.2.all@bookworm
#>install xfonts-scalable-1:1.0.3-1.3.all@bookworm
#>install xfonts-utils-1:7.7+6.amd64@bookworm
#>install xinit-1.4.0-1.amd64@bookworm
#>install xkb-data-2.35.1-1.all@bookworm
#>install xorg-1:7.7+23.amd64@bookworm
#>install xorg-docs-core-1:1.7.1-1.2.all@bookworm
#>install xorgxrdp-1:0.9.19-1.amd64@bookworm
#>install xserver-common-2:21.1.7-3+deb12u12.all@bookworm
#>install xserver-xephyr-2:21.1.7-3+deb12u12.amd64@bookworm
#>install xserver-xorg-1:7.7+23.amd64@bookworm
#>install xserver-xorg-core-2:21.1.7-3+deb12u12.amd64@bookworm
#>install xserver-xorg-legacy-2:21.1.7-3+deb12u12.amd64@bookworm
#>install xwayland-2:22.1.9-1.amd64@bookworm
#>install yelp-42.2-1+deb12u2.amd64@bookworm
#>install yelp-xsl-42.1-2+deb12u1.all@bookworm
#>install zenity-3.44.0-1.amd64@bookworm
#>install zenity-common-3.44.0-1.all@bookworm
#>upgrade gcc-12-base-12.2.0-14+deb12u1~old.amd64@system gcc-12-base-12.2.0-14+deb12u1.amd64@bookworm
#>upgrade libncursesw6-6.4-4~old.amd64@system libncursesw6-6.4-4.amd64@bookworm
#>upgrade libp11-kit0-0.24.1-2~old.amd64@system libp11-kit0-0.24.1-2.amd64@bookworm
#>upgrade libpolkit-agent-1-0-122-3~old.amd64@system libpolkit-agent-1-0-122-3.amd64@bookworm
#>upgrade libpolkit-gobject-1-0-122-3~old.amd64@system libpolkit-gobject-1-0-122-3.amd64@bookworm
#>upgrade libtinfo6-6.4-4~old.amd64@system libtinfo6-6.4-4.amd64@bookworm
#>upgrade libudev1-252.39-1~deb12u2~old.amd64@system libudev1-252.39-1~deb12u2.amd64@bookworm
#>upgrade libx11-6-2:1.8.4-2+deb12u2~old.amd64@system libx11-6-2:1.8.4-2+deb12u2.amd64@bookworm
#>upgrade polkitd-122-3~old.amd64@system polkitd-122-3.amd64@bookworm
nextjob
job install name emacs
solverflags strongrecommends
result transaction,problems mixed-6.r
nextjob
job distupgrade all packages
solverflags keeporphans
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
nextjob
job erase name git [cleandeps]
result transaction,problems <inline>
#>erase git-1:2.39.5-0+deb12u3~old.amd64@system
#>erase git-man-1:2.39.5-0+deb12u3~old.all@system
#>erase less-590-2.1~deb12u2~old.amd64@system
#>erase libcbor0.8-0.8.0-2+b1.amd64@system
#>erase libcurl3-gnutls-7.88.1-10+deb12u15~old.amd64@system
#>erase liberror-perl-0.17029-2~old.all@system
#>erase libfido2-1-1.12.0-2+b1.amd64@system
#>erase openssh-client-1:9.2p1-2+deb12u10~old.amd64@system
#>erase patch-2.7.6-7~old.amd64@system
nextjob
job erase name python3
solverflags allowuninstall
result transaction,problems <inline>
#>erase python3-3.11.2-1+b1~old.amd64@system
nextjob
job install name postgresql-contrib
job install name postgresql-client
result transaction,problems <inline>
#>install postgresql-client-15+248+deb12u1.all@bookworm
#>install postgresql-contrib-15+248+deb12u1.all@bookworm
nextjob
job install name mariadb-server
job erase name postgresql [cleandeps]
result transaction,problems <inline>
#>erase courier-mta-1.0.16-3+b6~old.amd64@system
#>erase cron-3.0pl1-162.amd64@system
#>erase cron-daemon-common-3.0pl1-162.all@system
#>erase e2fsprogs-1.47.0-2+b2.amd64@system
#>erase e2fsprogs-l10n-1.47.0-2~old.all@system
#>erase libc-bin-2.36-9+deb12u14~old.amd64@system
#>erase libc-l10n-2.36-9+deb12u14~old.all@system
#>erase libcommon-sense-perl-3.75-3~old.amd64@system
#>erase libext2fs2-1.47.0-2+b2.amd64@system
#>erase libjson-perl-4.10000-1~old.all@system
#>erase libjson-xs-perl-4.040-1~deb12u1.amd64@system
#>erase libllvm14-1:14.0.6-12.amd64@system
#>erase libnet-cidr-perl-0.21-2.all@system
#>erase libpq5-15.18-0+deb12u1~old.amd64@system
#>erase libsensors-config-1:3.6.0-7.1~old.all@system
#>erase libsensors5-1:3.6.0-7.1~old.amd64@system
#>erase libss2-1.47.0-2+b2.amd64@system
#>erase libtypes-serialiser-perl-1.01-1~old.all@system
#>erase libxslt1.1-1.1.35-1+deb12u4~old.amd64@system
#>erase libz3-4-4.8.12-3.1~old.amd64@system
#>erase locales-2.36-9+deb12u14~old.all@system
#>erase logrotate-3.21.0-1.amd64@system
#>erase logsave-1.47.0-2+b2.amd64@system
#>erase manpages-6.03-2~old.all@system
#>erase postgresql-15+248+deb12u1.all@system
#>erase postgresql-15-15.18-0+deb12u1~old.amd64@system
#>erase postgresql-client-15-15.18-0+deb12u1~old.amd64@system
#>erase postgresql-client-common-248+deb12u1~old.all@system
#>erase postgresql-common-248+deb12u1~old.all@system
#>erase sysstat-12.6.1-1.amd64@system
#>erase wget-1.21.3-1+deb12u1~old.amd64@system
#>erase xz-utils-5.4.1-1+deb12u1.amd64@system
#>install debianutils-5.7-0.5~deb12u1.amd64@bookworm
#>install galera-4-26.4.23-0+deb12u1.amd64@bookworm
#>install gawk-1:5.2.1-2.amd64@bookworm
#>install libaio1-0.3.113-4.amd64@bookworm
#>install libcgi-fast-perl-1:2.15-1.all@bookworm
#>install libcgi-pm-perl-4.55-1.all@bookworm
#>install libclone-perl-0.46-1.amd64@bookworm
#>install libconfig-inifiles-perl-3.000003-2+deb12u1.all@bookworm
#>install libdbd-mariadb-perl-1.22-1+b1.amd64@bookworm
#>install libdbi-perl-1.643-4+deb12u1.amd64@bookworm
#>install libencode-locale-perl-1.05-3.all@bookworm
#>install libfcgi-bin-2.4.2-2+deb12u1.amd64@bookworm
#>install libfcgi-perl-0.82+ds-2.amd64@bookworm
#>install libfcgi0ldbl-2.4.2-2+deb12u1.amd64@bookworm
#>install libhtml-parser-perl-3.81-1+deb12u1.amd64@bookworm
#>install libhtml-tagset-perl-3.20-6.all@bookworm
#>install libhtml-template-perl-2.97-2.all@bookworm
#>install libhttp-date-perl-6.05-2.all@bookworm
#>install libhttp-message-perl-6.44-1.all@bookworm
#>install libio-html-perl-1.004-3.all@bookworm
#>install liblwp-mediatypes-perl-6.04-2.all@bookworm
#>install liblzo2-2-2.10-2.amd64@bookworm
#>install libmpfr6-4.2.0-1.amd64@bookworm
#>install libncurses6-6.4-4.amd64@bookworm
#>install libnuma1-2.0.16-1.amd64@bookworm
#>install libregexp-ipv6-perl-0.03-3.all@bookworm
#>install libsigsegv2-2.14-1.amd64@bookworm
#>install libsnappy1v5-1.1.9-3.amd64@bookworm
#>install libterm-readkey-perl-2.38-2+b1.amd64@bookworm
#>install libtimedate-perl-2.3300-2.all@bookworm
#>install liburi-perl-5.17-1.all@bookworm
#>install liburing2-2.3-3.amd64@bookworm
#>install lsof-4.95.0-1.amd64@bookworm
#>install mariadb-client-1:10.11.18-0+deb12u1.amd64@bookworm
#>install mariadb-client-core-1:10.11.18-0+deb12u1.amd64@bookworm
#>install mariadb-plugin-provider-bzip2-1:10.11.18-0+deb12u1.amd64@bookworm
#>install mariadb-plugin-provider-lz4-1:10.11.18-0+deb12u1.amd64@bookworm
#>install mariadb-plugin-provider-lzma-1:10.11.18-0+deb12u1.amd64@bookworm
#>install mariadb-plugin-provider-lzo-1:10.11.18-0+deb12u1.amd64@bookworm
#>install mariadb-plugin-provider-snappy-1:10.11.18-0+deb12u1.amd64@bookworm
#>install mariadb-server-1:10.11.18-0+deb12u1.amd64@bookworm
#>install mariadb-server-core-1:10.11.18-0+deb12u1.amd64@bookworm
#>install pv-1.6.20-1.amd64@bookworm
#>install rsync-3.2.7-1+deb12u6.amd64@bookworm
#>install socat-1.7.4.4-2.amd64@bookworm
#>upgrade libncursesw6-6.4-4~old.amd64@system libncursesw6-6.4-4.amd64@bookworm
#>upgrade libtinfo6-6.4-4~old.amd64@system libtinfo6-6.4-4.amd64@bookworm
nextjob
job userinstalled name git
job erase name git-man [cleandeps]
result transaction,problems <inline>
#>problem 65b65e03 info package git-1:2.39.5-0+deb12u3~old.amd64 requires git-man >> 1:2.39.5, but none of the providers can be installed
#>problem 65b65e03 solution 414ba80f deljob erase name git-man [cleandeps]
#>problem 65b65e03 solution b6176207 erase git-1:2.39.5-0+deb12u3~old.amd64@system
nextjob
job install provides www-browser
result transaction,problems <inline>
#>install acpi-1.7-1.2.amd64@bookworm
#>install adwaita-icon-theme-43-1.all@bookworm
#>install alacritty-0.11.0-4.amd64@bookworm
#>install alsa-topology-conf-1.2.5.1-2.all@bookworm
#>install alsa-ucm-conf-1.2.8-1.all@bookworm
#>install at-spi2-common-2.46.0-5.all@bookworm
#>install at-spi2-core-2.46.0-5.amd64@bookworm
#>install awesome-4.3-7.amd64@bookworm
#>install awesome-extra-2023010601.all@bookworm
#>install chromium-150.0.7871.100-1~deb12u1.amd64@bookworm
#>install chromium-common-150.0.7871.100-1~deb12u1.amd64@bookworm
#>install chromium-sandbox-150.0.7871.100-1~deb12u1.amd64@bookworm
#>install dbus-x11-1.14.10-1~deb12u1.amd64@bookworm
#>install dconf-gsettings-backend-0.40.0-4.amd64@bookworm
#>install dconf-service-0.40.0-4.amd64@bookworm
#>install feh-3.9.1-2.amd64@bookworm
#>install fontconfig-2.14.1-4.amd64@bookworm
#>install fontconfig-config-2.14.1-4.amd64@bookworm
#>install fonts-droid-fallback-1:6.0.1r16-1.1.all@bookworm
#>install fonts-liberation-1:1.07.4-11.all@bookworm
#>install fonts-noto-mono-20201225-1.all@bookworm
#>install fonts-urw-base35-20200910-7.all@bookworm
#>install gir1.2-atk-1.0-2.46.0-5.amd64@bookworm
#>install gir1.2-freedesktop-1.74.0-3.amd64@bookworm
#>install gir1.2-gdkpixbuf-2.0-2.42.10+dfsg-1+deb12u4.amd64@bookworm
#>install gir1.2-glib-2.0-1.74.0-3.amd64@bookworm
#>install gir1.2-gtk-3.0-3.24.38-2~deb12u3.amd64@bookworm
#>install gir1.2-harfbuzz-0.0-6.0.0+dfsg-3.amd64@bookworm
#>install gir1.2-pango-1.0-1.50.12+ds-1.amd64@bookworm
#>install gsettings-desktop-schemas-43.0-1.all@bookworm
#>install gtk-update-icon-cache-3.24.38-2~deb12u3.amd64@bookworm
#>install hicolor-icon-theme-0.17-2.all@bookworm
#>install libaom3-3.6.0-1+deb12u2.amd64@bookworm
#>install libasound2-1.2.8-1+b1.amd64@bookworm
#>install libasound2-data-1.2.8-1.all@bookworm
#>install libasyncns0-0.8-6+b3.amd64@bookworm
#>install libatk-bridge2.0-0-2.46.0-5.amd64@bookworm
#>install libatk1.0-0-2.46.0-5.amd64@bookworm
#>install libatspi2.0-0-2.46.0-5.amd64@bookworm
#>install libauthen-sasl-perl-2.1600-3.all@bookworm
#>install libavahi-client3-0.8-10+deb12u1.amd64@bookworm
#>install libavahi-common-data-0.8-10+deb12u1.amd64@bookworm
#>install libavahi-common3-0.8-10+deb12u1.amd64@bookworm
#>install libcairo-gobject2-1.16.0-7.amd64@bookworm
#>install libcairo2-1.16.0-7.amd64@bookworm
#>install libclone-perl-0.46-1.amd64@bookworm
#>install libcolord2-1.4.6-2.2.amd64@bookworm
#>install libcups2-2.4.2-3+deb12u9.amd64@bookworm
#>install libdata-dump-perl-1.25-1.all@bookworm
#>install libdatrie1-0.2.13-2+b1.amd64@bookworm
#>install libdav1d6-1.0.0-2+deb12u1.amd64@bookworm
#>install libdconf1-0.40.0-4.amd64@bookworm
#>install libde265-0-1.0.11-1+deb12u2.amd64@bookworm
#>install libdeflate0-1.14-1.amd64@bookworm
#>install libdouble-conversion3-3.2.1-1.amd64@bookworm
#>install libdrm-amdgpu1-2.4.114-1+b1.amd64@bookworm
#>install libdrm-common-2.4.114-1.all@bookworm
#>install libdrm-intel1-2.4.114-1+b1.amd64@bookworm
#>install libdrm-nouveau2-2.4.114-1+b1.amd64@bookworm
#>install libdrm-radeon1-2.4.114-1+b1.amd64@bookworm
#>install libdrm2-2.4.114-1+b1.amd64@bookworm
#>install libencode-locale-perl-1.05-3.all@bookworm
#>install libepoxy0-1.5.10-1.amd64@bookworm
#>install libexif12-0.6.24-1+deb12u1.amd64@bookworm
#>install libfile-basedir-perl-0.09-2.all@bookworm
#>install libfile-desktopentry-perl-0.22-3.all@bookworm
#>install libfile-listing-perl-6.15-1.all@bookworm
#>install libfile-mimeinfo-perl-0.33-1.all@bookworm
#>install libflac12-1.4.2+ds-2.amd64@bookworm
#>install libfont-afm-perl-1.20-4.all@bookworm
#>install libfontconfig1-2.14.1-4.amd64@bookworm
#>install libfontenc1-1:1.1.4-1.amd64@bookworm
#>install libfreetype6-2.12.1+dfsg-5+deb12u4.amd64@bookworm
#>install libfribidi0-1.0.8-2.1.amd64@bookworm
#>install libgbm1-22.3.6-1+deb12u2.amd64@bookworm
#>install libgdk-pixbuf-2.0-0-2.42.10+dfsg-1+deb12u4.amd64@bookworm
#>install libgdk-pixbuf2.0-bin-2.42.10+dfsg-1+deb12u4.amd64@bookworm
#>install libgdk-pixbuf2.0-common-2.42.10+dfsg-1+deb12u4.all@bookworm
#>install libgif7-5.2.1-2.5+deb12u1.amd64@bookworm
#>install libgirepository-1.0-1-1.74.0-3.amd64@bookworm
#>install libgl1-1.6.0-1.amd64@bookworm
#>install libgl1-mesa-dri-22.3.6-1+deb12u2.amd64@bookworm
#>install libglapi-mesa-22.3.6-1+deb12u2.amd64@bookworm
#>install libglvnd0-1.6.0-1.amd64@bookworm
#>install libglx-mesa0-22.3.6-1+deb12u2.amd64@bookworm
#>install libglx0-1.6.0-1.amd64@bookworm
#>install libgraphite2-3-1.3.14-1+deb12u1.amd64@bookworm
#>install libgs-common-10.0.0~dfsg-11+deb12u8.all@bookworm
#>install libgs10-10.0.0~dfsg-11+deb12u8.amd64@bookworm
#>install libgs10-common-10.0.0~dfsg-11+deb12u8.all@bookworm
#>install libgtk-3-0-3.24.38-2~deb12u3.amd64@bookworm
#>install libgtk-3-bin-3.24.38-2~deb12u3.amd64@bookworm
#>install libgtk-3-common-3.24.38-2~deb12u3.all@bookworm
#>install libharfbuzz-subset0-6.0.0+dfsg-3.amd64@bookworm
#>install libharfbuzz0b-6.0.0+dfsg-3.amd64@bookworm
#>install libheif1-1.15.1-1+deb12u1.amd64@bookworm
#>install libhtml-form-perl-6.11-1.all@bookworm
#>install libhtml-format-perl-2.16-2.all@bookworm
#>install libhtml-parser-perl-3.81-1+deb12u1.amd64@bookworm
#>install libhtml-tagset-perl-3.20-6.all@bookworm
#>install libhtml-tree-perl-5.07-3.all@bookworm
#>install libhttp-cookies-perl-6.10-1.all@bookworm
#>install libhttp-daemon-perl-6.16-1+deb13u1~deb12u1.all@bookworm
#>install libhttp-date-perl-6.05-2.all@bookworm
#>install libhttp-message-perl-6.44-1.all@bookworm
#>install libhttp-negotiate-perl-6.01-2.all@bookworm
#>install libhwy1-1.0.3-3+deb12u1.amd64@bookworm
#>install libice6-2:1.0.10-1.amd64@bookworm
#>install libid3tag0-0.15.1b-14.amd64@bookworm
#>install libijs-0.35-0.35-15.amd64@bookworm
#>install libimlib2-1.10.0-4+deb12u1.amd64@bookworm
#>install libio-html-perl-1.004-3.all@bookworm
#>install libio-socket-ssl-perl-2.081-2.all@bookworm
#>install libio-stringy-perl-2.111-3.all@bookworm
#>install libipc-system-simple-perl-1.30-2.all@bookworm
#>install libjbig0-2.1-6.1.amd64@bookworm
#>install libjbig2dec0-0.19-3.amd64@bookworm
#>install libjpeg-turbo-progs-1:2.1.5-2.amd64@bookworm
#>install libjpeg62-turbo-1:2.1.5-2.amd64@bookworm
#>install libjxl0.7-0.7.0-10+deb12u1.amd64@bookworm
#>install liblcms2-2-2.14-2+deb12u1.amd64@bookworm
#>install liblerc4-4.0.0+ds-2.amd64@bookworm
#>install libllvm15-1:15.0.6-4+b1.amd64@bookworm
#>install liblwp-mediatypes-perl-6.04-2.all@bookworm
#>install liblwp-protocol-https-perl-6.10-1.all@bookworm
#>install libmailtools-perl-2.21-2.all@bookworm
#>install libminizip1-1.1-8+deb12u1.amd64@bookworm
#>install libmp3lame0-3.100-6.amd64@bookworm
#>install libmpg123-0-1.31.2-1+deb12u1.amd64@bookworm
#>install libnet-dbus-perl-1.2.0-2.amd64@bookworm
#>install libnet-http-perl-6.22-1.all@bookworm
#>install libnet-smtp-ssl-perl-1.04-2.all@bookworm
#>install libnet-ssleay-perl-1.92-2+b1.amd64@bookworm
#>install libnspr4-2:4.35-1.amd64@bookworm
#>install libnss3-2:3.87.1-1+deb12u2.amd64@bookworm
#>install libnuma1-2.0.16-1.amd64@bookworm
#>install libogg0-1.3.5-3.amd64@bookworm
#>install libopenh264-7-2.3.1+dfsg-3+deb12u2.amd64@bookworm
#>install libopenjp2-7-2.5.0-2+deb12u3.amd64@bookworm
#>install libopus0-1.3.1-3.amd64@bookworm
#>install libpango-1.0-0-1.50.12+ds-1.amd64@bookworm
#>install libpangocairo-1.0-0-1.50.12+ds-1.amd64@bookworm
#>install libpangoft2-1.0-0-1.50.12+ds-1.amd64@bookworm
#>install libpangoxft-1.0-0-1.50.12+ds-1.amd64@bookworm
#>install libpaper-utils-1.1.29.amd64@bookworm
#>install libpaper1-1.1.29.amd64@bookworm
#>install libpciaccess0-0.17-2.amd64@bookworm
#>install libpixman-1-0-0.42.2-1.amd64@bookworm
#>install libpng16-16-1.6.39-2+deb12u5.amd64@bookworm
#>install libpulse0-16.1+dfsg1-2+b1.amd64@bookworm
#>install libregexp-ipv6-perl-0.03-3.all@bookworm
#>install librsvg2-2-2.54.7+dfsg-1~deb12u1.amd64@bookworm
#>install librsvg2-common-2.54.7+dfsg-1~deb12u1.amd64@bookworm
#>install libsm6-2:1.2.3-1.amd64@bookworm
#>install libsndfile1-1.2.0-1+deb12u1.amd64@bookworm
#>install libspectre1-0.2.12-1.amd64@bookworm
#>install libstartup-notification0-0.12-6+b1.amd64@bookworm
#>install libthai-data-0.1.29-1.all@bookworm
#>install libthai0-0.1.29-1.amd64@bookworm
#>install libtie-ixhash-perl-1.23-4.all@bookworm
#>install libtiff6-4.5.0-6+deb12u4.amd64@bookworm
#>install libtimedate-perl-2.3300-2.all@bookworm
#>install libtry-tiny-perl-0.31-2.all@bookworm
#>install libturbojpeg0-1:2.1.5-2.amd64@bookworm
#>install liburi-perl-5.17-1.all@bookworm
#>install libvorbis0a-1.3.7-1.amd64@bookworm
#>install libvorbisenc2-1.3.7-1.amd64@bookworm
#>install libwayland-client0-1.21.0-1.amd64@bookworm
#>install libwayland-cursor0-1.21.0-1.amd64@bookworm
#>install libwayland-egl1-1.21.0-1.amd64@bookworm
#>install libwayland-server0-1.21.0-1.amd64@bookworm
#>install libwebp7-1.2.4-0.2+deb12u1.amd64@bookworm
#>install libwebpdemux2-1.2.4-0.2+deb12u1.amd64@bookworm
#>install libwww-perl-6.68-1.all@bookworm
#>install libwww-robotrules-perl-6.02-1.all@bookworm
#>install libx11-protocol-perl-0.56-9.all@bookworm
#>install libx11-xcb1-2:1.8.4-2+deb12u2.amd64@bookworm
#>install libx265-199-3.5-2+b1.amd64@bookworm
#>install libxaw7-2:1.0.14-1.amd64@bookworm
#>install libxcb-cursor0-0.1.4-1.amd64@bookworm
#>install libxcb-dri2-0-1.15-1.amd64@bookworm
#>install libxcb-dri3-0-1.15-1.amd64@bookworm
#>install libxcb-glx0-1.15-1.amd64@bookworm
#>install libxcb-icccm4-0.4.1-1.1.amd64@bookworm
#>install libxcb-image0-0.4.0-2.amd64@bookworm
#>install libxcb-keysyms1-0.4.0-1+b2.amd64@bookworm
#>install libxcb-present0-1.15-1.amd64@bookworm
#>install libxcb-randr0-1.15-1.amd64@bookworm
#>install libxcb-render-util0-0.3.9-1+b1.amd64@bookworm
#>install libxcb-render0-1.15-1.amd64@bookworm
#>install libxcb-shape0-1.15-1.amd64@bookworm
#>install libxcb-shm0-1.15-1.amd64@bookworm
#>install libxcb-sync1-1.15-1.amd64@bookworm
#>install libxcb-util1-0.4.0-1+b1.amd64@bookworm
#>install libxcb-xfixes0-1.15-1.amd64@bookworm
#>install libxcb-xinerama0-1.15-1.amd64@bookworm
#>install libxcb-xkb1-1.15-1.amd64@bookworm
#>install libxcb-xrm0-1.0-3+b1.amd64@bookworm
#>install libxcb-xtest0-1.15-1.amd64@bookworm
#>install libxcomposite1-1:0.4.5-1.amd64@bookworm
#>install libxcursor1-1:1.2.1-1.amd64@bookworm
#>install libxdamage1-1:1.1.6-1.amd64@bookworm
#>install libxdg-basedir1-1.2.0-2+b1.amd64@bookworm
#>install libxfixes3-1:6.0.0-2.amd64@bookworm
#>install libxft2-2.3.6-1.amd64@bookworm
#>install libxi6-2:1.8-1+b1.amd64@bookworm
#>install libxinerama1-2:1.1.4-3.amd64@bookworm
#>install libxkbcommon-x11-0-1.5.0-1.amd64@bookworm
#>install libxkbcommon0-1.5.0-1.amd64@bookworm
#>install libxkbfile1-1:1.1.0-1.amd64@bookworm
#>install libxml-parser-perl-2.46-4+deb12u1.amd64@bookworm
#>install libxml-twig-perl-1:3.52-2.all@bookworm
#>install libxml-xpath-perl-1.48-1.all@bookworm
#>install libxmu6-2:1.1.3-3.amd64@bookworm
#>install libxnvctrl0-525.85.05-3~deb12u1.amd64@bookworm
#>install libxpm4-1:3.5.12-1.1+deb12u1.amd64@bookworm
#>install libxrandr2-2:1.5.2-2+b1.amd64@bookworm
#>install libxrender1-1:0.9.10-1.1.amd64@bookworm
#>install libxshmfence1-1.3-1.amd64@bookworm
#>install libxt6-1:1.2.1-1.1.amd64@bookworm
#>install libxtst6-2:1.2.3-1.1.amd64@bookworm
#>install libxv1-2:1.0.11-1.1.amd64@bookworm
#>install libxxf86dga1-2:1.1.5-1.amd64@bookworm
#>install libxxf86vm1-1:1.1.4-1+b2.amd64@bookworm
#>install lua-filesystem-1.8.0-3.amd64@bookworm
#>install lua-lgi-0.9.2-3.amd64@bookworm
#>install menu-2.1.49.amd64@bookworm
#>install perl-openssl-defaults-7+b1.amd64@bookworm
#>install poppler-data-0.4.12-1.all@bookworm
#>install rlwrap-0.46.1-1.amd64@bookworm
#>install x11-common-1:7.7+23.all@bookworm
#>install x11-utils-7.7+5.amd64@bookworm
#>install xdg-utils-1.1.3-4.1.all@bookworm
#>install xfonts-encodings-1:1.0.4-2.2.all@bookworm
#>install xfonts-utils-1:7.7+6.amd64@bookworm
#>install xkb-data-2.35.1-1.all@bookworm
#>install yudit-common-3.1.0-1.all@bookworm
#>upgrade libx11-6-2:1.8.4-2+deb12u2~old.amd64@system libx11-6-2:1.8.4-2+deb12u2.amd64@bookworm
nextjob
job install name apache2-utils [forcebest]
result transaction,problems <inline>
