repo system 0 testtags system.repo.gz
repo bookworm 99 testtags bookworm.repo.gz
system amd64 deb system
job install name mutt
result transaction,problems <inline>
#>install dirmngr-2.2.40-1.1+deb12u2.amd64@bookworm
#>install file-1:5.44-3.amd64@bookworm
#>install gpg-2.2.40-1.1+deb12u2.amd64@bookworm
#>install gpg-agent-2.2.40-1.1+deb12u2.amd64@bookworm
#>install gpg-wks-client-2.2.40-1.1+deb12u2.amd64@bookworm
#>install gpgconf-2.2.40-1.1+deb12u2.amd64@bookworm
#>install gpgsm-2.2.40-1.1+deb12u2.amd64@bookworm
#>install gsasl-common-2.2.0-1+deb12u1.all@bookworm
#>install libassuan0-2.5.5-5.amd64@bookworm
#>install libgpgme11-1.18.0-3+b1.amd64@bookworm
#>install libgsasl18-2.2.0-1+deb12u1.amd64@bookworm
#>install libgssglue1-0.7-1.1.amd64@bookworm
#>install libksba8-1.6.3-2.amd64@bookworm
#>install libmagic-mgc-1:5.44-3.amd64@bookworm
#>install libmagic1-1:5.44-3.amd64@bookworm
#>install libnpth0-1.6-3.amd64@bookworm
#>install libntlm0-1.6-4.amd64@bookworm
#>install libtokyocabinet9-1.4.48-15.amd64@bookworm
#>install mailcap-3.70+nmu1.all@bookworm
#>install mew-beta-bin-7.0.50~6.8+0.20221129-4.amd64@bookworm
#>install mutt-2.2.12-0.1~deb12u1.amd64@bookworm
#>install opensysusers-0.7.3-2.all@bookworm
#>install stunnel4-3:5.68-2+deb12u1.amd64@bookworm
nextjob
job install name neomutt
result transaction,problems <inline>
#>install dirmngr-2.2.40-1.1+deb12u2.amd64@bookworm
#>install file-1:5.44-3.amd64@bookworm
#>install gpg-2.2.40-1.1+deb12u2.amd64@bookworm
#>install gpg-agent-2.2.40-1.1+deb12u2.amd64@bookworm
#>install gpg-wks-client-2.2.40-1.1+deb12u2.amd64@bookworm
#>install gpgconf-2.2.40-1.1+deb12u2.amd64@bookworm
#>install gpgsm-2.2.40-1.1+deb12u2.amd64@bookworm
#>install gsasl-common-2.2.0-1+deb12u1.all@bookworm
#>install libassuan0-2.5.5-5.amd64@bookworm
#>install libgmime-3.0-0-3.2.13+dfsg-2.amd64@bookworm
#>install libgpgme11-1.18.0-3+b1.amd64@bookworm
#>install libgsasl18-2.2.0-1+deb12u1.amd64@bookworm
#>install libgssglue1-0.7-1.1.amd64@bookworm
#>install libksba8-1.6.3-2.amd64@bookworm
#>install liblua5.4-0-5.4.4-3+deb12u1.amd64@bookworm
#>install libmagic-mgc-1:5.44-3.amd64@bookworm
#>install libmagic1-1:5.44-3.amd64@bookworm
#>install libnotmuch5-0.37-1+b1.amd64@bookworm
#>install libnpth0-1.6-3.amd64@bookworm
#>install libntlm0-1.6-4.amd64@bookworm
#>install libsexp1-1.3.1+18~git20210718-1+b2.amd64@bookworm
#>install libtalloc2-2.4.0-f2.amd64@bookworm
#>install libtokyocabinet9-1.4.48-15.amd64@bookworm
#>install libxapian30-1.4.22-1.amd64@bookworm
#>install mailcap-3.70+nmu1.all@bookworm
#>install mew-beta-bin-7.0.50~6.8+0.20221129-4.amd64@bookworm
#>install neomutt-20220429+dfsg1-4.1.amd64@bookworm
#>install opensysusers-0.7.3-2.all@bookworm
#>install stunnel4-3:5.68-2+deb12u1.amd64@bookworm
nextjob
job install provides default-mta
result transaction,problems <inline>
#>problem 7e0db21a info package exim4-daemon-light-4.96-15+deb12u10.amd64 requires exim4-base >= 4.96, but none of the providers can be installed
#>problem 7e0db21a solution eb9eb519 deljob install provides default-mta
nextjob
job install name git-email
result transaction,problems <inline>
#>install git-email-1:2.39.5-0+deb12u3.all@bookworm
#>install libauthen-sasl-perl-2.1600-3.all@bookworm
#>install libdigest-bubblebabble-perl-0.02-2.1.all@bookworm
#>install libdigest-hmac-perl-1.04+dfsg-2.all@bookworm
#>install libemail-valid-perl-1.203-1.all@bookworm
#>install libio-socket-ssl-perl-2.081-2.all@bookworm
#>install libmailtools-perl-2.21-2.all@bookworm
#>install libnet-dns-perl-1.36-1.all@bookworm
#>install libnet-dns-sec-perl-1.20-1+b1.amd64@bookworm
#>install libnet-domain-tld-perl-1.75-3.all@bookworm
#>install libnet-libidn-perl-0.12.ds-4+b1.amd64@bookworm
#>install libnet-smtp-ssl-perl-1.04-2.all@bookworm
#>install libnet-ssleay-perl-1.92-2+b1.amd64@bookworm
#>install libperl4-corelibs-perl-0.004-3.all@bookworm
#>install libtimedate-perl-2.3300-2.all@bookworm
#>install perl-openssl-defaults-7+b1.amd64@bookworm
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
job erase name openssh-server [cleandeps]
result transaction,problems <inline>
#>erase dbus-1.14.10-1~deb12u1.amd64@system
#>erase dbus-bin-1.14.10-1~deb12u1.amd64@system
#>erase dbus-daemon-1.14.10-1~deb12u1.amd64@system
#>erase dbus-session-bus-common-1.14.10-1~deb12u1.all@system
#>erase dbus-system-bus-common-1.14.10-1~deb12u1.all@system
#>erase elogind-246.10-1debian1~old.amd64@system
#>erase libapparmor1-3.0.8-3~old.amd64@system
#>erase libdbus-1-3-1.14.10-1~deb12u1.amd64@system
#>erase libduktape207-2.7.0-2~old.amd64@system
#>erase libpam-elogind-246.10-1debian1~old.amd64@system
#>erase libpolkit-agent-1-0-122-3~old.amd64@system
#>erase libpolkit-gobject-1-0-122-3~old.amd64@system
#>erase libwrap0-7.6.q-32~old.amd64@system
#>erase ncurses-base-6.4-4~old.all@system
#>erase ncurses-term-6.4-4~old.all@system
#>erase openssh-server-1:9.2p1-2+deb12u10~old.amd64@system
#>erase openssh-sftp-server-1:9.2p1-2+deb12u10~old.amd64@system
#>erase polkitd-122-3~old.amd64@system
#>erase runit-helper-2.15.2~old.all@system
#>erase sed-4.9-1+deb12u1~old.amd64@system
#>erase sgml-base-1.31~old.all@system
#>erase xml-core-0.18+nmu1.all@system
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
job update all packages
solverflags focusinstalled
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
job install name apache2-dev
result transaction,problems <inline>
#>install alsa-topology-conf-1.2.5.1-2.all@bookworm
#>install alsa-ucm-conf-1.2.8-1.all@bookworm
#>install apache2-dev-2.4.68-1~deb12u1.amd64@bookworm
#>install autoconf-2.71-3.all@bookworm
#>install automake-1:1.16.5-1.3.all@bookworm
#>install autopoint-0.21-12.all@bookworm
#>install autotools-dev-20220109.1.all@bookworm
#>install binutils-2.40-2.amd64@bookworm
#>install binutils-common-2.40-2.amd64@bookworm
#>install binutils-x86-64-linux-gnu-2.40-2.amd64@bookworm
#>install bsdextrautils-2.38.1-5+deb12u3.amd64@bookworm
#>install bzip2-1.0.8-5+b1.amd64@bookworm
#>install ca-certificates-java-20230710~deb12u1.all@bookworm
#>install cpp-11-11.3.0-12.amd64@bookworm
#>install cpp-12-12.2.0-14+deb12u1.amd64@bookworm
#>install cpp-4:12.2.0-3.amd64@bookworm
#>install debhelper-13.11.4.all@bookworm
#>install debianutils-5.7-0.5~deb12u1.amd64@bookworm
#>install default-jre-headless-2:1.17-74.amd64@bookworm
#>install dh-autoreconf-20.all@bookworm
#>install dh-strip-nondeterminism-1.13.1-1.all@bookworm
#>install dpkg-dev-1.21.23.all@bookworm
#>install dwz-0.15-1.amd64@bookworm
#>install fakeroot-1.31-1.2.amd64@bookworm
#>install file-1:5.44-3.amd64@bookworm
#>install fontconfig-config-2.14.1-4.amd64@bookworm
#>install fonts-croscore-20201225-1.all@bookworm
#>install gcc-11-11.3.0-12.amd64@bookworm
#>install gcc-11-base-11.3.0-12.amd64@bookworm
#>install gettext-0.21-12.amd64@bookworm
#>install gettext-base-0.21-12.amd64@bookworm
#>install groff-base-1.22.4-10.amd64@bookworm
#>install intltool-debian-0.35.0+20060710.6.all@bookworm
#>install java-common-0.74.all@bookworm
#>install java-wrappers-0.4.all@bookworm
#>install libabsl20220623-20220623.1-1+deb12u2.amd64@bookworm
#>install libalgorithm-diff-perl-1.201-1.all@bookworm
#>install libalgorithm-diff-xs-perl-0.04-8+b1.amd64@bookworm
#>install libalgorithm-merge-perl-0.08-5.all@bookworm
#>install libaom3-3.6.0-1+deb12u2.amd64@bookworm
#>install libapr1-dev-1.7.2-3+deb12u1.amd64@bookworm
#>install libaprutil1-dev-1.6.3-1.amd64@bookworm
#>install libarchive-cpio-perl-0.10-3.all@bookworm
#>install libarchive-zip-perl-1.68-1.all@bookworm
#>install libasan6-11.3.0-12.amd64@bookworm
#>install libasound2-1.2.8-1+b1.amd64@bookworm
#>install libasound2-data-1.2.8-1.all@bookworm
#>install libatomic1-12.2.0-14+deb12u1.amd64@bookworm
#>install libavahi-client3-0.8-10+deb12u1.amd64@bookworm
#>install libavahi-common-data-0.8-10+deb12u1.amd64@bookworm
#>install libavahi-common3-0.8-10+deb12u1.amd64@bookworm
#>install libavif15-0.11.1-1+deb12u1.amd64@bookworm
#>install libbcpg-java-1.72-2.all@bookworm
#>install libbcprov-java-1.72-2.all@bookworm
#>install libbinutils-2.40-2.amd64@bookworm
#>install libc-dev-bin-2.36-9+deb12u14.amd64@bookworm
#>install libc-devtools-2.36-9+deb12u14.amd64@bookworm
#>install libc6-dev-2.36-9+deb12u14.amd64@bookworm
#>install libcc1-0-12.2.0-14+deb12u1.amd64@bookworm
#>install libcrypt-dev-1:4.4.33-2.amd64@bookworm
#>install libctf-nobfd0-2.40-2.amd64@bookworm
#>install libctf0-2.40-2.amd64@bookworm
#>install libcups2-2.4.2-3+deb12u9.amd64@bookworm
#>install libdav1d6-1.0.0-2+deb12u1.amd64@bookworm
#>install libde265-0-1.0.11-1+deb12u2.amd64@bookworm
#>install libdebhelper-perl-13.11.4.all@bookworm
#>install libdeflate0-1.14-1.amd64@bookworm
#>install libdpkg-perl-1.21.23.all@bookworm
#>install libexpat1-dev-2.5.0-1+deb12u2.amd64@bookworm
#>install libfakeroot-1.31-1.2.amd64@bookworm
#>install libfile-fcntllock-perl-0.22-4+b1.amd64@bookworm
#>install libfile-stripnondeterminism-perl-1.13.1-1.all@bookworm
#>install libfontconfig1-2.14.1-4.amd64@bookworm
#>install libfreetype6-2.12.1+dfsg-5+deb12u4.amd64@bookworm
#>install libgav1-1-0.18.0-1+b1.amd64@bookworm
#>install libgcc-11-dev-11.3.0-12.amd64@bookworm
#>install libgd3-2.3.3-9.amd64@bookworm
#>install libgomp1-12.2.0-14+deb12u1.amd64@bookworm
#>install libgprofng0-2.40-2.amd64@bookworm
#>install libgraphite2-3-1.3.14-1+deb12u1.amd64@bookworm
#>install libharfbuzz0b-6.0.0+dfsg-3.amd64@bookworm
#>install libheif1-1.15.1-1+deb12u1.amd64@bookworm
#>install libisl23-0.25-1.1.amd64@bookworm
#>install libitm1-12.2.0-14+deb12u1.amd64@bookworm
#>install libjbig0-2.1-6.1.amd64@bookworm
#>install libjpeg62-turbo-1:2.1.5-2.amd64@bookworm
#>install liblcms2-2-2.14-2+deb12u1.amd64@bookworm
#>install libldap-dev-2.5.13+dfsg-5.amd64@bookworm
#>install liblerc4-4.0.0+ds-2.amd64@bookworm
#>install liblsan0-12.2.0-14+deb12u1.amd64@bookworm
#>install libltdl-dev-2.4.7-7~deb12u1.amd64@bookworm
#>install libmagic-mgc-1:5.44-3.amd64@bookworm
#>install libmagic1-1:5.44-3.amd64@bookworm
#>install libmail-sendmail-perl-0.80-3.all@bookworm
#>install libmpc3-1.3.1-1.amd64@bookworm
#>install libmpfr6-4.2.0-1.amd64@bookworm
#>install libnsl-dev-1.3.0-2.amd64@bookworm
#>install libnspr4-2:4.35-1.amd64@bookworm
#>install libnss3-2:3.87.1-1+deb12u2.amd64@bookworm
#>install libnuma1-2.0.16-1.amd64@bookworm
#>install libpcre2-16-0-10.42-1.amd64@bookworm
#>install libpcre2-32-0-10.42-1.amd64@bookworm
#>install libpcre2-dev-10.42-1.amd64@bookworm
#>install libpcre2-posix3-10.42-1.amd64@bookworm
#>install libpcsclite1-1.9.9-2.amd64@bookworm
#>install libpgpainless-cli-java-1.3.16-1.all@bookworm
#>install libpgpainless-core-java-1.3.16-1.all@bookworm
#>install libpgpainless-sop-java-1.3.16-1.all@bookworm
#>install libpicocli-java-4.6.2-2.all@bookworm
#>install libpipeline1-1.5.7-1.amd64@bookworm
#>install libpng16-16-1.6.39-2+deb12u5.amd64@bookworm
#>install libquadmath0-12.2.0-14+deb12u1.amd64@bookworm
#>install librav1e0-0.5.1-6.amd64@bookworm
#>install libsctp-dev-1.0.19+dfsg-2.amd64@bookworm
#>install libsctp1-1.0.19+dfsg-2.amd64@bookworm
#>install libslf4j-java-1.7.32-1.all@bookworm
#>install libsop-java-java-4.1.0-1.all@bookworm
#>install libsop-java-picocli-java-4.1.0-1.all@bookworm
#>install libsub-override-perl-0.09-4.all@bookworm
#>install libsvtav1enc1-1.4.1+dfsg-1.amd64@bookworm
#>install libsys-hostname-long-perl-1.5-3.all@bookworm
#>install libtiff6-4.5.0-6+deb12u4.amd64@bookworm
#>install libtirpc-dev-1.3.3+ds-1.amd64@bookworm
#>install libtool-2.4.7-7~deb12u1.all@bookworm
#>install libtsan0-11.3.0-12.amd64@bookworm
#>install libubsan1-12.2.0-14+deb12u1.amd64@bookworm
#>install libuchardet0-0.0.7-1.amd64@bookworm
#>install libwebp7-1.2.4-0.2+deb12u1.amd64@bookworm
#>install libx265-199-3.5-2+b1.amd64@bookworm
#>install libxpm4-1:3.5.12-1.1+deb12u1.amd64@bookworm
#>install libyuv0-0.0~git20230123.b2528b0-1.amd64@bookworm
#>install linux-libc-dev-6.1.176-1.amd64@bookworm
#>install m4-1.4.19-3.amd64@bookworm
#>install make-4.3-4.1.amd64@bookworm
#>install man-db-2.11.2-2.amd64@bookworm
#>install manpages-dev-6.03-2.all@bookworm
#>install openjdk-17-jre-headless-17.0.19+10-1~deb12u2.amd64@bookworm
#>install pgpainless-cli-1.3.16-1.all@bookworm
#>install po-debconf-1.0.21+nmu1.all@bookworm
#>install rpcsvc-proto-1.4.3-1.amd64@bookworm
#>install unzip-6.0-28.amd64@bookworm
#>install util-linux-2.38.1-5+deb12u3.amd64@bookworm
#>install util-linux-extra-2.38.1-5+deb12u3.amd64@bookworm
#>install uuid-dev-2.38.1-5+deb12u3.amd64@bookworm
#>upgrade gcc-12-base-12.2.0-14+deb12u1~old.amd64@system gcc-12-base-12.2.0-14+deb12u1.amd64@bookworm
#>upgrade libaprutil1-1.6.3-1~old.amd64@system libaprutil1-1.6.3-1.amd64@bookworm
#>upgrade libaprutil1-dbd-mysql-1.6.3-1~old.amd64@system libaprutil1-dbd-mysql-1.6.3-1.amd64@bookworm
#>upgrade libaprutil1-ldap-1.6.3-1~old.amd64@system libaprutil1-ldap-1.6.3-1.amd64@bookworm
#>upgrade libbz2-1.0-1.0.8-5+b1~old.amd64@system libbz2-1.0-1.0.8-5+b1.amd64@bookworm
#>upgrade libc6-2.36-9+deb12u14~old.amd64@system libc6-2.36-9+deb12u14.amd64@bookworm
#>upgrade libnsl2-1.3.0-2~old.amd64@system libnsl2-1.3.0-2.amd64@bookworm
#>upgrade libtirpc-common-1.3.3+ds-1~old.all@system libtirpc-common-1.3.3+ds-1.all@bookworm
#>upgrade libtirpc3-1.3.3+ds-1~old.amd64@system libtirpc3-1.3.3+ds-1.amd64@bookworm
nextjob
job install name python3-pip
result transaction,problems <inline>
#>install python3-distutils-3.11.2-3.all@bookworm
#>install python3-lib2to3-3.11.2-3.all@bookworm
#>install python3-pip-23.0.1+dfsg-1.all@bookworm
#>install python3-pkg-resources-66.1.1-1+deb12u2.all@bookworm
#>install python3-setuptools-66.1.1-1+deb12u2.all@bookworm
#>install python3-wheel-0.38.4-2.all@bookworm
nextjob
job install name php
solverflags ignorerecommended
result transaction,problems <inline>
#>install libapache2-mod-php8.2-8.2.32-1~deb12u1.amd64@bookworm
#>install libargon2-1-0~20171227-0.3+deb12u1.amd64@bookworm
#>install libmagic-mgc-1:5.44-3.amd64@bookworm
#>install libmagic1-1:5.44-3.amd64@bookworm
#>install libsodium23-1.0.18-1+deb12u1.amd64@bookworm
#>install php-2:8.2+93.all@bookworm
#>install php-common-2:93.all@bookworm
#>install php8.2-8.2.32-1~deb12u1.all@bookworm
#>install php8.2-cli-8.2.32-1~deb12u1.amd64@bookworm
#>install php8.2-common-8.2.32-1~deb12u1.amd64@bookworm
#>install php8.2-opcache-8.2.32-1~deb12u1.amd64@bookworm
#>install php8.2-readline-8.2.32-1~deb12u1.amd64@bookworm
nextjob
job install name php
result transaction,problems <inline>
#>install libapache2-mod-php8.2-8.2.32-1~deb12u1.amd64@bookworm
#>install libargon2-1-0~20171227-0.3+deb12u1.amd64@bookworm
#>install libmagic-mgc-1:5.44-3.amd64@bookworm
#>install libmagic1-1:5.44-3.amd64@bookworm
#>install libsodium23-1.0.18-1+deb12u1.amd64@bookworm
#>install php-2:8.2+93.all@bookworm
#>install php-common-2:93.all@bookworm
#>install php8.2-8.2.32-1~deb12u1.all@bookworm
#>install php8.2-cli-8.2.32-1~deb12u1.amd64@bookworm
#>install php8.2-common-8.2.32-1~deb12u1.amd64@bookworm
#>install php8.2-opcache-8.2.32-1~deb12u1.amd64@bookworm
#>install php8.2-readline-8.2.32-1~deb12u1.amd64@bookworm
nextjob
job lock name perl-base
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
job install name curl
job install name wget
result transaction,problems <inline>
#>install curl-7.88.1-10+deb12u15.amd64@bookworm
#>upgrade libcurl4-7.88.1-10+deb12u15~old.amd64@system libcurl4-7.88.1-10+deb12u15.amd64@bookworm
nextjob
job distupgrade all packages
solverflags allowuninstall
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
