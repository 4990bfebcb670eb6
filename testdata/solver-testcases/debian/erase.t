repo system 0 testtags system.repo.gz
repo bookworm 99 testtags bookworm.repo.gz
system amd64 deb system
job erase name nginx
result transaction,problems erase-1.r
nextjob
job erase name nginx [cleandeps]
result transaction,problems <inline>
#>erase iproute2-6.1.0-3.amd64@system
#>erase libatm1-1:2.5.1-4+b2~old.amd64@system
#>erase libbpf1-1:1.1.2-0+deb12u1.amd64@system
#>erase libcap2-bin-1:2.66-4+deb12u3+b1~old.amd64@system
#>erase libelf1-0.188-2.1.amd64@system
#>erase libmnl0-1.0.4-3~old.amd64@system
#>erase libpam-cap-1:2.66-4+deb12u3+b1~old.amd64@system
#>erase libxtables12-1.8.9-2~old.amd64@system
#>erase nginx-1.22.1-9+deb12u9~old.amd64@system
#>erase nginx-common-1.22.1-9+deb12u9~old.all@system
nextjob
job erase name python3
result transaction,problems <inline>
#>erase python3-3.11.2-1+b1~old.amd64@system
nextjob
job erase name perl-base
result transaction,problems <inline>
#>problem 7219c026 info package perl-modules-5.36-5.36.0-7+deb12u3.all requires perl-base >= 5.36.0-1, but none of the providers can be installed
#>problem 7219c026 solution 4ab52dcc erase apache2-2.4.68-1~deb12u1.amd64@system
#>problem 7219c026 solution 4ab52dcc erase apache2-bin-2.4.68-1~deb12u1.amd64@system
#>problem 7219c026 solution 4ab52dcc erase courier-base-1.0.16-3+b6~old.amd64@system
#>problem 7219c026 solution 4ab52dcc erase courier-mta-1.0.16-3+b6~old.amd64@system
#>problem 7219c026 solution 4ab52dcc erase debconf-i18n-1.5.82~old.all@system
#>problem 7219c026 solution 4ab52dcc erase git-1:2.39.5-0+deb12u3~old.amd64@system
#>problem 7219c026 solution 4ab52dcc erase libcommon-sense-perl-3.75-3~old.amd64@system
#>problem 7219c026 solution 4ab52dcc erase liberror-perl-0.17029-2~old.all@system
#>problem 7219c026 solution 4ab52dcc erase libjson-perl-4.10000-1~old.all@system
#>problem 7219c026 solution 4ab52dcc erase libjson-xs-perl-4.040-1~deb12u1.amd64@system
#>problem 7219c026 solution 4ab52dcc erase liblocale-gettext-perl-1.07-5~old.amd64@system
#>problem 7219c026 solution 4ab52dcc erase libnet-cidr-perl-0.21-2.all@system
#>problem 7219c026 solution 4ab52dcc erase libperl5.36-5.36.0-7+deb12u3.amd64@system
#>problem 7219c026 solution 4ab52dcc erase libtext-charwidth-perl-0.04-11.amd64@system
#>problem 7219c026 solution 4ab52dcc erase libtext-iconv-perl-1.7-8~old.amd64@system
#>problem 7219c026 solution 4ab52dcc erase libtext-wrapi18n-perl-0.06-10.all@system
#>problem 7219c026 solution 4ab52dcc erase libtypes-serialiser-perl-1.01-1~old.all@system
#>problem 7219c026 solution 4ab52dcc erase perl-5.36.0-7+deb12u3.amd64@system
#>problem 7219c026 solution 4ab52dcc erase perl-modules-5.36-5.36.0-7+deb12u3.all@system
#>problem 7219c026 solution 4ab52dcc erase postgresql-15+248+deb12u1.all@system
#>problem 7219c026 solution 4ab52dcc erase postgresql-15-15.18-0+deb12u1~old.amd64@system
#>problem 7219c026 solution 4ab52dcc erase postgresql-client-15-15.18-0+deb12u1~old.amd64@system
#>problem 7219c026 solution 4ab52dcc erase postgresql-client-common-248+deb12u1~old.all@system
#>problem 7219c026 solution 4ab52dcc erase postgresql-common-248+deb12u1~old.all@system
#>problem 7219c026 solution a3c59aaf deljob erase name perl-base
nextjob
job erase name apache2 [cleandeps]
result transaction,problems erase-5.r
nextjob
job erase name libc6
result transaction,problems <inline>
#>problem 104c823b info package zlib1g-1:1.2.13.dfsg-1.amd64 requires libc6 >= 2.14, but none of the providers can be installed
#>problem 104c823b solution 010c047b deljob erase name libc6
#>problem 104c823b solution a12fbf62 erase adduser-3.134~old.all@system
#>problem 104c823b solution a12fbf62 erase apache2-2.4.68-1~deb12u1.amd64@system
#>problem 104c823b solution a12fbf62 erase apache2-bin-2.4.68-1~deb12u1.amd64@system
#>problem 104c823b solution a12fbf62 erase apache2-utils-2.4.68-1~deb12u1.amd64@system
#>problem 104c823b solution a12fbf62 erase apt-2.6.1.amd64@system
#>problem 104c823b solution a12fbf62 erase apt-utils-2.6.1.amd64@system
#>problem 104c823b solution a12fbf62 erase ca-certificates-20230311+deb12u1.all@system
#>problem 104c823b solution a12fbf62 erase courier-authdaemon-0.71.4-1+b2.amd64@system
#>problem 104c823b solution a12fbf62 erase courier-authlib-0.71.4-1+b2.amd64@system
#>problem 104c823b solution a12fbf62 erase courier-authlib-userdb-0.71.4-1+b2.amd64@system
#>problem 104c823b solution a12fbf62 erase courier-base-1.0.16-3+b6~old.amd64@system
#>problem 104c823b solution a12fbf62 erase courier-mta-1.0.16-3+b6~old.amd64@system
#>problem 104c823b solution a12fbf62 erase cron-3.0pl1-162.amd64@system
#>problem 104c823b solution a12fbf62 erase cron-daemon-common-3.0pl1-162.all@system
#>problem 104c823b solution a12fbf62 erase dbus-1.14.10-1~deb12u1.amd64@system
#>problem 104c823b solution a12fbf62 erase dbus-bin-1.14.10-1~deb12u1.amd64@system
#>problem 104c823b solution a12fbf62 erase dbus-daemon-1.14.10-1~deb12u1.amd64@system
#>problem 104c823b solution a12fbf62 erase dbus-system-bus-common-1.14.10-1~deb12u1.all@system
#>problem 104c823b solution a12fbf62 erase debconf-i18n-1.5.82~old.all@system
#>problem 104c823b solution a12fbf62 erase dpkg-1.21.23.amd64@system
#>problem 104c823b solution a12fbf62 erase e2fsprogs-1.47.0-2+b2.amd64@system
#>problem 104c823b solution a12fbf62 erase e2fsprogs-l10n-1.47.0-2~old.all@system
#>problem 104c823b solution a12fbf62 erase elogind-246.10-1debian1~old.amd64@system
#>problem 104c823b solution a12fbf62 erase expect-5.45.4-2+b1~old.amd64@system
#>problem 104c823b solution a12fbf62 erase gamin-0.1.10-6.amd64@system
#>problem 104c823b solution a12fbf62 erase git-1:2.39.5-0+deb12u3~old.amd64@system
#>problem 104c823b solution a12fbf62 erase gnutls-bin-3.7.9-2+deb12u7.amd64@system
#>problem 104c823b solution a12fbf62 erase gpgv-2.2.40-1.1+deb12u2~old.amd64@system
#>problem 104c823b solution a12fbf62 erase iproute2-6.1.0-3.amd64@system
#>problem 104c823b solution a12fbf62 erase less-590-2.1~deb12u2~old.amd64@system
#>problem 104c823b solution a12fbf62 erase libacl1-2.3.1-3.amd64@system
#>problem 104c823b solution a12fbf62 erase libapparmor1-3.0.8-3~old.amd64@system
#>problem 104c823b solution a12fbf62 erase libapr1-1.7.2-3+deb12u1.amd64@system
#>problem 104c823b solution a12fbf62 erase libaprutil1-1.6.3-1~old.amd64@system
#>problem 104c823b solution a12fbf62 erase libaprutil1-dbd-mysql-1.6.3-1~old.amd64@system
#>problem 104c823b solution a12fbf62 erase libaprutil1-ldap-1.6.3-1~old.amd64@system
#>problem 104c823b solution a12fbf62 erase libapt-pkg6.0-2.6.1.amd64@system
#>problem 104c823b solution a12fbf62 erase libatm1-1:2.5.1-4+b2~old.amd64@system
#>problem 104c823b solution a12fbf62 erase libaudit1-1:3.0.9-1~old.amd64@system
#>problem 104c823b solution a12fbf62 erase libblkid1-2.38.1-5+deb12u3.amd64@system
#>problem 104c823b solution a12fbf62 erase libbpf1-1:1.1.2-0+deb12u1.amd64@system
#>problem 104c823b solution a12fbf62 erase libbrotli1-1.0.9-2+b6.amd64@system
#>problem 104c823b solution a12fbf62 erase libbsd0-0.11.7-2~old.amd64@system
#>problem 104c823b solution a12fbf62 erase libbz2-1.0-1.0.8-5+b1~old.amd64@system
#>problem 104c823b solution a12fbf62 erase libc-bin-2.36-9+deb12u14~old.amd64@system
#>problem 104c823b solution a12fbf62 erase libcap-ng0-0.8.3-1+b3.amd64@system
#>problem 104c823b solution a12fbf62 erase libcap2-1:2.66-4+deb12u3+b1~old.amd64@system
#>problem 104c823b solution a12fbf62 erase libcap2-bin-1:2.66-4+deb12u3+b1~old.amd64@system
#>problem 104c823b solution a12fbf62 erase libcbor0.8-0.8.0-2+b1.amd64@system
#>problem 104c823b solution a12fbf62 erase libcom-err2-1.47.0-2+b2.amd64@system
#>problem 104c823b solution a12fbf62 erase libcommon-sense-perl-3.75-3~old.amd64@system
#>problem 104c823b solution a12fbf62 erase libcourier-unicode4-2.1.2-2+b2~old.amd64@system
#>problem 104c823b solution a12fbf62 erase libcrypt1-1:4.4.33-2.amd64@system
#>problem 104c823b solution a12fbf62 erase libcurl3-gnutls-7.88.1-10+deb12u15~old.amd64@system
#>problem 104c823b solution a12fbf62 erase libcurl4-7.88.1-10+deb12u15~old.amd64@system
#>problem 104c823b solution a12fbf62 erase libdb5.3-5.3.28+dfsg2-1~old.amd64@system
#>problem 104c823b solution a12fbf62 erase libdbus-1-3-1.14.10-1~deb12u1.amd64@system
#>problem 104c823b solution a12fbf62 erase libduktape207-2.7.0-2~old.amd64@system
#>problem 104c823b solution a12fbf62 erase libedit2-3.1-20221030-2.amd64@system
#>problem 104c823b solution a12fbf62 erase libelf1-0.188-2.1.amd64@system
#>problem 104c823b solution a12fbf62 erase libelogind0-246.10-1debian1~old.amd64@system
#>problem 104c823b solution a12fbf62 erase liberror-perl-0.17029-2~old.all@system
#>problem 104c823b solution a12fbf62 erase libevent-2.1-7-2.1.12-stable-8.amd64@system
#>problem 104c823b solution a12fbf62 erase libexpat1-2.5.0-1+deb12u2.amd64@system
#>problem 104c823b solution a12fbf62 erase libext2fs2-1.47.0-2+b2.amd64@system
#>problem 104c823b solution a12fbf62 erase libffi8-3.4.4-1~old.amd64@system
#>problem 104c823b solution a12fbf62 erase libfido2-1-1.12.0-2+b1.amd64@system
#>problem 104c823b solution a12fbf62 erase libgamin0-0.1.10-6.amd64@system
#>problem 104c823b solution a12fbf62 erase libgcc-s1-12.2.0-14+deb12u1~old.amd64@system
#>problem 104c823b solution a12fbf62 erase libgcrypt20-1.10.1-3+deb12u1~old.amd64@system
#>problem 104c823b solution a12fbf62 erase libgdbm-compat4-1.23-3.amd64@system
#>problem 104c823b solution a12fbf62 erase libgdbm6-1.23-3.amd64@system
#>problem 104c823b solution a12fbf62 erase libglib2.0-0-2.74.6-2+deb12u9.amd64@system
#>problem 104c823b solution a12fbf62 erase libgmp10-2:6.2.1+dfsg1-1.1.amd64@system
#>problem 104c823b solution a12fbf62 erase libgnutls-dane0-3.7.9-2+deb12u7.amd64@system
#>problem 104c823b solution a12fbf62 erase libgnutls30-3.7.9-2+deb12u7.amd64@system
#>problem 104c823b solution a12fbf62 erase libgpg-error0-1.46-1.amd64@system
#>problem 104c823b solution a12fbf62 erase libgpm2-1.20.7-10+b1~old.amd64@system
#>problem 104c823b solution a12fbf62 erase libgssapi-krb5-2-1.20.1-2+deb12u5.amd64@system
#>problem 104c823b solution a12fbf62 erase libhogweed6-3.8.1-2~old.amd64@system
#>problem 104c823b solution a12fbf62 erase libicu72-72.1-3+deb12u1.amd64@system
#>problem 104c823b solution a12fbf62 erase libidn12-1.41-1~old.amd64@system
#>problem 104c823b solution a12fbf62 erase libidn2-0-2.3.3-1+b1.amd64@system
#>problem 104c823b solution a12fbf62 erase libjansson4-2.14-2.amd64@system
#>problem 104c823b solution a12fbf62 erase libjson-perl-4.10000-1~old.all@system
#>problem 104c823b solution a12fbf62 erase libjson-xs-perl-4.040-1~deb12u1.amd64@system
#>problem 104c823b solution a12fbf62 erase libk5crypto3-1.20.1-2+deb12u5.amd64@system
#>problem 104c823b solution a12fbf62 erase libkeyutils1-1.6.3-2~old.amd64@system
#>problem 104c823b solution a12fbf62 erase libkrb5-3-1.20.1-2+deb12u5.amd64@system
#>problem 104c823b solution a12fbf62 erase libkrb5support0-1.20.1-2+deb12u5.amd64@system
#>problem 104c823b solution a12fbf62 erase libldap-2.5-0-2.5.13+dfsg-5.amd64@system
#>problem 104c823b solution a12fbf62 erase libllvm14-1:14.0.6-12.amd64@system
#>problem 104c823b solution a12fbf62 erase liblocale-gettext-perl-1.07-5~old.amd64@system
#>problem 104c823b solution a12fbf62 erase libltdl7-2.4.7-7~deb12u1.amd64@system
#>problem 104c823b solution a12fbf62 erase liblua5.3-0-5.3.6-2~old.amd64@system
#>problem 104c823b solution a12fbf62 erase liblz4-1-1.9.4-1.amd64@system
#>problem 104c823b solution a12fbf62 erase liblzma5-5.4.1-1+deb12u1.amd64@system
#>problem 104c823b solution a12fbf62 erase libmariadb3-1:10.11.18-0+deb12u1.amd64@system
#>problem 104c823b solution a12fbf62 erase libmd0-1.0.4-2.amd64@system
#>problem 104c823b solution a12fbf62 erase libmnl0-1.0.4-3~old.amd64@system
#>problem 104c823b solution a12fbf62 erase libmount1-2.38.1-5+deb12u3.amd64@system
#>problem 104c823b solution a12fbf62 erase libncursesw6-6.4-4~old.amd64@system
#>problem 104c823b solution a12fbf62 erase libnet-cidr-perl-0.21-2.all@system
#>problem 104c823b solution a12fbf62 erase libnettle8-3.8.1-2~old.amd64@system
#>problem 104c823b solution a12fbf62 erase libnghttp2-14-1.52.0-1+deb12u3.amd64@system
#>problem 104c823b solution a12fbf62 erase libnsl2-1.3.0-2~old.amd64@system
#>problem 104c823b solution a12fbf62 erase libp11-kit0-0.24.1-2~old.amd64@system
#>problem 104c823b solution a12fbf62 erase libpam-cap-1:2.66-4+deb12u3+b1~old.amd64@system
#>problem 104c823b solution a12fbf62 erase libpam-elogind-246.10-1debian1~old.amd64@system
#>problem 104c823b solution a12fbf62 erase libpam-modules-1.5.2-6+deb12u2.amd64@system
#>problem 104c823b solution a12fbf62 erase libpam-modules-bin-1.5.2-6+deb12u2.amd64@system
#>problem 104c823b solution a12fbf62 erase libpam-runtime-1.5.2-6+deb12u2.all@system
#>problem 104c823b solution a12fbf62 erase libpam0g-1.5.2-6+deb12u2.amd64@system
#>problem 104c823b solution a12fbf62 erase libpcre2-8-0-10.42-1.amd64@system
#>problem 104c823b solution a12fbf62 erase libpcre3-2:8.39-15~old.amd64@system
#>problem 104c823b solution a12fbf62 erase libperl5.36-5.36.0-7+deb12u3.amd64@system
#>problem 104c823b solution a12fbf62 erase libpolkit-agent-1-0-122-3~old.amd64@system
#>problem 104c823b solution a12fbf62 erase libpolkit-gobject-1-0-122-3~old.amd64@system
#>problem 104c823b solution a12fbf62 erase libpopt0-1.19+dfsg-1.amd64@system
#>problem 104c823b solution a12fbf62 erase libpq5-15.18-0+deb12u1~old.amd64@system
#>problem 104c823b solution a12fbf62 erase libproc2-0-2:4.0.2-3.amd64@system
#>problem 104c823b solution a12fbf62 erase libpsl5-0.21.2-1.amd64@system
#>problem 104c823b solution a12fbf62 erase libpython3-stdlib-3.11.2-1+b1~old.amd64@system
#>problem 104c823b solution a12fbf62 erase libpython3.11-minimal-3.11.2-6+deb12u8.amd64@system
#>problem 104c823b solution a12fbf62 erase libpython3.11-stdlib-3.11.2-6+deb12u8.amd64@system
#>problem 104c823b solution a12fbf62 erase libreadline8-8.2-1.3~old.amd64@system
#>problem 104c823b solution a12fbf62 erase librtmp1-2.4+20151223.gitfa8646d.1-2+b2.amd64@system
#>problem 104c823b solution a12fbf62 erase libsasl2-2-2.1.28+dfsg-10.amd64@system
#>problem 104c823b solution a12fbf62 erase libsasl2-modules-2.1.28+dfsg-10.amd64@system
#>problem 104c823b solution a12fbf62 erase libsasl2-modules-db-2.1.28+dfsg-10.amd64@system
#>problem 104c823b solution a12fbf62 erase libseccomp2-2.5.4-1+deb12u1~old.amd64@system
#>problem 104c823b solution a12fbf62 erase libselinux1-3.4-1+b6.amd64@system
#>problem 104c823b solution a12fbf62 erase libsemanage2-3.4-1+b5.amd64@system
#>problem 104c823b solution a12fbf62 erase libsensors5-1:3.6.0-7.1~old.amd64@system
#>problem 104c823b solution a12fbf62 erase libsepol2-3.4-2.1~old.amd64@system
#>problem 104c823b solution a12fbf62 erase libsmartcols1-2.38.1-5+deb12u3.amd64@system
#>problem 104c823b solution a12fbf62 erase libsqlite3-0-3.40.1-2+deb12u2.amd64@system
#>problem 104c823b solution a12fbf62 erase libss2-1.47.0-2+b2.amd64@system
#>problem 104c823b solution a12fbf62 erase libssh2-1-1.10.0-3+b1.amd64@system
#>problem 104c823b solution a12fbf62 erase libssl3-3.0.20-1~deb12u2.amd64@system
#>problem 104c823b solution a12fbf62 erase libstdc++6-12.2.0-14+deb12u1~old.amd64@system
#>problem 104c823b solution a12fbf62 erase libtasn1-6-4.19.0-2+deb12u1~old.amd64@system
#>problem 104c823b solution a12fbf62 erase libtcl8.6-8.6.13+dfsg-2.amd64@system
#>problem 104c823b solution a12fbf62 erase libtext-charwidth-perl-0.04-11.amd64@system
#>problem 104c823b solution a12fbf62 erase libtext-iconv-perl-1.7-8~old.amd64@system
#>problem 104c823b solution a12fbf62 erase libtext-wrapi18n-perl-0.06-10.all@system
#>problem 104c823b solution a12fbf62 erase libtinfo6-6.4-4~old.amd64@system
#>problem 104c823b solution a12fbf62 erase libtirpc3-1.3.3+ds-1~old.amd64@system
#>problem 104c823b solution a12fbf62 erase libtypes-serialiser-perl-1.01-1~old.all@system
#>problem 104c823b solution a12fbf62 erase libudev1-252.39-1~deb12u2~old.amd64@system
#>problem 104c823b solution a12fbf62 erase libunbound8-1.17.1-2+deb12u4.amd64@system
#>problem 104c823b solution a12fbf62 erase libunistring2-1.0-2.amd64@system
#>problem 104c823b solution a12fbf62 erase libuuid1-2.38.1-5+deb12u3.amd64@system
#>problem 104c823b solution a12fbf62 erase libwrap0-7.6.q-32~old.amd64@system
#>problem 104c823b solution a12fbf62 erase libx11-6-2:1.8.4-2+deb12u2~old.amd64@system
#>problem 104c823b solution a12fbf62 erase libxau6-1:1.0.9-1.amd64@system
#>problem 104c823b solution a12fbf62 erase libxcb1-1.15-1~old.amd64@system
#>problem 104c823b solution a12fbf62 erase libxdmcp6-1:1.1.2-3~old.amd64@system
#>problem 104c823b solution a12fbf62 erase libxext6-2:1.3.4-1+b1.amd64@system
#>problem 104c823b solution a12fbf62 erase libxml2-2.9.14+dfsg-1.3~deb12u6~old.amd64@system
#>problem 104c823b solution a12fbf62 erase libxmuu1-2:1.1.3-3.amd64@system
#>problem 104c823b solution a12fbf62 erase libxslt1.1-1.1.35-1+deb12u4~old.amd64@system
#>problem 104c823b solution a12fbf62 erase libxtables12-1.8.9-2~old.amd64@system
#>problem 104c823b solution a12fbf62 erase libxxhash0-0.8.1-1~old.amd64@system
#>problem 104c823b solution a12fbf62 erase libz3-4-4.8.12-3.1~old.amd64@system
#>problem 104c823b solution a12fbf62 erase libzstd1-1.5.4+dfsg2-5.amd64@system
#>problem 104c823b solution a12fbf62 erase locales-2.36-9+deb12u14~old.all@system
#>problem 104c823b solution a12fbf62 erase logrotate-3.21.0-1.amd64@system
#>problem 104c823b solution a12fbf62 erase logsave-1.47.0-2+b2.amd64@system
#>problem 104c823b solution a12fbf62 erase nginx-1.22.1-9+deb12u9~old.amd64@system
#>problem 104c823b solution a12fbf62 erase openssh-client-1:9.2p1-2+deb12u10~old.amd64@system
#>problem 104c823b solution a12fbf62 erase openssh-server-1:9.2p1-2+deb12u10~old.amd64@system
#>problem 104c823b solution a12fbf62 erase openssh-sftp-server-1:9.2p1-2+deb12u10~old.amd64@system
#>problem 104c823b solution a12fbf62 erase openssl-3.0.20-1~deb12u2.amd64@system
#>problem 104c823b solution a12fbf62 erase passwd-1:4.13+dfsg1-1+deb12u2.amd64@system
#>problem 104c823b solution a12fbf62 erase patch-2.7.6-7~old.amd64@system
#>problem 104c823b solution a12fbf62 erase perl-5.36.0-7+deb12u3.amd64@system
#>problem 104c823b solution a12fbf62 erase perl-base-5.36.0-7+deb12u3.amd64@system
#>problem 104c823b solution a12fbf62 erase perl-modules-5.36-5.36.0-7+deb12u3.all@system
#>problem 104c823b solution a12fbf62 erase polkitd-122-3~old.amd64@system
#>problem 104c823b solution a12fbf62 erase postgresql-15+248+deb12u1.all@system
#>problem 104c823b solution a12fbf62 erase postgresql-15-15.18-0+deb12u1~old.amd64@system
#>problem 104c823b solution a12fbf62 erase postgresql-client-15-15.18-0+deb12u1~old.amd64@system
#>problem 104c823b solution a12fbf62 erase postgresql-client-common-248+deb12u1~old.all@system
#>problem 104c823b solution a12fbf62 erase postgresql-common-248+deb12u1~old.all@system
#>problem 104c823b solution a12fbf62 erase procps-2:4.0.2-3.amd64@system
#>problem 104c823b solution a12fbf62 erase psmisc-23.6-1~old.amd64@system
#>problem 104c823b solution a12fbf62 erase python3-3.11.2-1+b1~old.amd64@system
#>problem 104c823b solution a12fbf62 erase python3-minimal-3.11.2-1+b1~old.amd64@system
#>problem 104c823b solution a12fbf62 erase python3.11-3.11.2-6+deb12u8.amd64@system
#>problem 104c823b solution a12fbf62 erase python3.11-minimal-3.11.2-6+deb12u8.amd64@system
#>problem 104c823b solution a12fbf62 erase readline-common-8.2-1.3~old.all@system
#>problem 104c823b solution a12fbf62 erase sed-4.9-1+deb12u1~old.amd64@system
#>problem 104c823b solution a12fbf62 erase sgml-base-1.31~old.all@system
#>problem 104c823b solution a12fbf62 erase shared-mime-info-2.2-1~old.amd64@system
#>problem 104c823b solution a12fbf62 erase ssl-cert-1.1.2~old.all@system
#>problem 104c823b solution a12fbf62 erase sysstat-12.6.1-1.amd64@system
#>problem 104c823b solution a12fbf62 erase sysvinit-utils-3.06-4.amd64@system
#>problem 104c823b solution a12fbf62 erase tar-1.34+dfsg-1.2+deb12u1~old.amd64@system
#>problem 104c823b solution a12fbf62 erase tcl-expect-5.45.4-2+b1~old.amd64@system
#>problem 104c823b solution a12fbf62 erase tcl8.6-8.6.13+dfsg-2.amd64@system
#>problem 104c823b solution a12fbf62 erase uuid-runtime-2.38.1-5+deb12u3.amd64@system
#>problem 104c823b solution a12fbf62 erase wget-1.21.3-1+deb12u1~old.amd64@system
#>problem 104c823b solution a12fbf62 erase xauth-1:1.1.2-1.amd64@system
#>problem 104c823b solution a12fbf62 erase xdg-user-dirs-0.18-1~old.amd64@system
#>problem 104c823b solution a12fbf62 erase xml-core-0.18+nmu1.all@system
#>problem 104c823b solution a12fbf62 erase xz-utils-5.4.1-1+deb12u1.amd64@system
#>problem 104c823b solution a12fbf62 erase zlib1g-1:1.2.13.dfsg-1.amd64@system
nextjob
job erase provides httpd
result transaction,problems <inline>
#>erase apache2-2.4.68-1~deb12u1.amd64@system
#>erase nginx-1.22.1-9+deb12u9~old.amd64@system
nextjob
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
#>erase libpopt0-1.19+dfsg-1.amd64@system
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
