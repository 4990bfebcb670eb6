repo system 0 testtags system.repo.xz
repo appstream 99 testtags appstream.repo.gz
repo stub 99 testtags stub.repo.gz
system x86_64 rpm system
job install pkg nginx-1:1.20.1-14.el9.x86_64@appstream
result transaction,problems <inline>
#>upgrade nginx-1:1.20.1-13.el9.x86_64@system nginx-1:1.20.1-14.el9.x86_64@appstream
#>upgrade nginx-core-1:1.20.1-13.el9.x86_64@system nginx-core-1:1.20.1-14.el9.x86_64@appstream
#>upgrade nginx-filesystem-1:1.20.1-13.el9.noarch@system nginx-filesystem-1:1.20.1-14.el9.noarch@appstream
nextjob
job install pkg nginx-1:1.24.0-4.module_el9+1087+9adf8b0f.x86_64@appstream
result transaction,problems <inline>
#>upgrade nginx-1:1.20.1-13.el9.x86_64@system nginx-1:1.24.0-4.module_el9+1087+9adf8b0f.x86_64@appstream
#>upgrade nginx-core-1:1.20.1-13.el9.x86_64@system nginx-core-1:1.24.0-4.module_el9+1087+9adf8b0f.x86_64@appstream
#>upgrade nginx-filesystem-1:1.20.1-13.el9.noarch@system nginx-filesystem-1:1.24.0-4.module_el9+1087+9adf8b0f.noarch@appstream
nextjob
job install oneof nginx-1:1.20.1-16.el9.x86_64@appstream nginx-2:1.20.1-20.el9.x86_64@appstream
result transaction,problems mixed-3.r
nextjob
job update name nginx [targeted]
result transaction,problems <inline>
#>upgrade nginx-1:1.20.1-13.el9.x86_64@system nginx-2:1.20.1-20.el9.x86_64@appstream
#>upgrade nginx-core-1:1.20.1-13.el9.x86_64@system nginx-core-2:1.20.1-20.el9.x86_64@appstream
#>upgrade nginx-filesystem-1:1.20.1-13.el9.noarch@system nginx-filesystem-2:1.20.1-20.el9.noarch@appstream
nextjob
job update name php [forcebest]
result transaction,problems <inline>
#>upgrade php-8.0.20-3.el9.x86_64@system php-8.3.15-1.module_el9+1148+4d3da9e4.x86_64@appstream
#>upgrade php-cli-8.0.20-3.el9.x86_64@system php-cli-8.3.15-1.module_el9+1148+4d3da9e4.x86_64@appstream
#>upgrade php-common-8.0.20-3.el9.x86_64@system php-common-8.3.15-1.module_el9+1148+4d3da9e4.x86_64@appstream
#>upgrade php-fpm-8.0.20-3.el9.x86_64@system php-fpm-8.3.15-1.module_el9+1148+4d3da9e4.x86_64@appstream
#>upgrade php-mbstring-8.0.20-3.el9.x86_64@system php-mbstring-8.3.15-1.module_el9+1148+4d3da9e4.x86_64@appstream
#>upgrade php-opcache-8.0.20-3.el9.x86_64@system php-opcache-8.3.15-1.module_el9+1148+4d3da9e4.x86_64@appstream
#>upgrade php-pdo-8.0.20-3.el9.x86_64@system php-pdo-8.3.15-1.module_el9+1148+4d3da9e4.x86_64@appstream
#>upgrade php-xml-8.0.20-3.el9.x86_64@system php-xml-8.3.15-1.module_el9+1148+4d3da9e4.x86_64@appstream
nextjob
job distupgrade all packages [cleandeps]
result transaction,problems <inline>
#>reinstall oniguruma-6.9.6-1.el9.4.x86_64@system oniguruma-6.9.6-1.el9.4.x86_64@appstream
#>upgrade apr-1.7.0-10.5.el9.x86_64@system apr-1.7.0-12.el9.x86_64@appstream
#>upgrade apr-util-1.6.1-20.el9.x86_64@system apr-util-1.6.1-23.el9.x86_64@appstream
#>upgrade apr-util-bdb-1.6.1-20.el9.x86_64@system apr-util-bdb-1.6.1-23.el9.x86_64@appstream
#>upgrade apr-util-openssl-1.6.1-20.el9.x86_64@system apr-util-openssl-1.6.1-23.el9.x86_64@appstream
#>upgrade centos-logos-httpd-90.0-1.el9.noarch@system centos-logos-httpd-90.8-1.el9.noarch@appstream
#>upgrade httpd-2.4.57-3.el9.x86_64@system httpd-2.4.62-1.el9.x86_64@appstream
#>upgrade httpd-core-2.4.57-3.el9.x86_64@system httpd-core-2.4.62-1.el9.x86_64@appstream
#>upgrade httpd-filesystem-2.4.57-3.el9.noarch@system httpd-filesystem-2.4.62-1.el9.noarch@appstream
#>upgrade httpd-tools-2.4.57-3.el9.x86_64@system httpd-tools-2.4.62-1.el9.x86_64@appstream
#>upgrade libnsl2-1.3.0-4.el9.x86_64@system libnsl2-2.0.0-1.el9.x86_64@appstream
#>upgrade libxslt-1.1.34-7.el9.x86_64@system libxslt-1.1.34-9.el9.x86_64@appstream
#>upgrade mod_http2-1.15.19-2.el9.x86_64@system mod_http2-2.0.26-2.el9.x86_64@appstream
#>upgrade mod_lua-2.4.57-3.el9.x86_64@system mod_lua-2.4.62-1.el9.x86_64@appstream
#>upgrade nginx-1:1.20.1-13.el9.x86_64@system nginx-2:1.20.1-20.el9.x86_64@appstream
#>upgrade nginx-core-1:1.20.1-13.el9.x86_64@system nginx-core-2:1.20.1-20.el9.x86_64@appstream
#>upgrade nginx-filesystem-1:1.20.1-13.el9.noarch@system nginx-filesystem-2:1.20.1-20.el9.noarch@appstream
#>upgrade php-8.0.20-3.el9.x86_64@system php-8.3.15-1.module_el9+1148+4d3da9e4.x86_64@appstream
#>upgrade php-cli-8.0.20-3.el9.x86_64@system php-cli-8.3.15-1.module_el9+1148+4d3da9e4.x86_64@appstream
#>upgrade php-common-8.0.20-3.el9.x86_64@system php-common-8.3.15-1.module_el9+1148+4d3da9e4.x86_64@appstream
#>upgrade php-fpm-8.0.20-3.el9.x86_64@system php-fpm-8.3.15-1.module_el9+1148+4d3da9e4.x86_64@appstream
#>upgrade php-mbstring-8.0.20-3.el9.x86_64@system php-mbstring-8.3.15-1.module_el9+1148+4d3da9e4.x86_64@appstream
#>upgrade php-opcache-8.0.20-3.el9.x86_64@system php-opcache-8.3.15-1.module_el9+1148+4d3da9e4.x86_64@appstream
#>upgrade php-pdo-8.0.20-3.el9.x86_64@system php-pdo-8.3.15-1.module_el9+1148+4d3da9e4.x86_64@appstream
#>upgrade php-xml-8.0.20-3.el9.x86_64@system php-xml-8.3.15-1.module_el9+1148+4d3da9e4.x86_64@appstream
#>upgrade postgresql-13.10-1.el9.x86_64@system postgresql-16.6-1.module_el9+1137+39dc736e.x86_64@appstream
#>upgrade postgresql-private-libs-13.10-1.el9.x86_64@system postgresql-private-libs-16.6-1.module_el9+1137+39dc736e.x86_64@appstream
#>upgrade postgresql-server-13.10-1.el9.x86_64@system postgresql-server-16.6-1.module_el9+1137+39dc736e.x86_64@appstream
#>upgrade python3.11-3.11.10-1.el9.x86_64@system python3.11-3.11.11-1.el9.x86_64@appstream
#>upgrade python3.11-libs-3.11.10-1.el9.x86_64@system python3.11-libs-3.11.11-1.el9.x86_64@appstream
#>upgrade python3.11-pip-wheel-22.3.1-2.el9.noarch@system python3.11-pip-wheel-22.3.1-5.el9.noarch@appstream
#>upgrade python3.11-setuptools-wheel-65.5.1-2.el9.noarch@system python3.11-setuptools-wheel-65.5.1-3.el9.noarch@appstream
nextjob
job update all packages
solverflags focusbest
result transaction,problems mixed-7.r
nextjob
job update all packages
solverflags focusinstalled
result transaction,problems <inline>
#>upgrade apr-1.7.0-10.5.el9.x86_64@system apr-1.7.0-12.el9.x86_64@appstream
#>upgrade apr-util-1.6.1-20.el9.x86_64@system apr-util-1.6.1-23.el9.x86_64@appstream
#>upgrade apr-util-bdb-1.6.1-20.el9.x86_64@system apr-util-bdb-1.6.1-23.el9.x86_64@appstream
#>upgrade apr-util-openssl-1.6.1-20.el9.x86_64@system apr-util-openssl-1.6.1-23.el9.x86_64@appstream
#>upgrade centos-logos-httpd-90.0-1.el9.noarch@system centos-logos-httpd-90.8-1.el9.noarch@appstream
#>upgrade httpd-2.4.57-3.el9.x86_64@system httpd-2.4.62-1.el9.x86_64@appstream
#>upgrade httpd-core-2.4.57-3.el9.x86_64@system httpd-core-2.4.62-1.el9.x86_64@appstream
#>upgrade httpd-filesystem-2.4.57-3.el9.noarch@system httpd-filesystem-2.4.62-1.el9.noarch@appstream
#>upgrade httpd-tools-2.4.57-3.el9.x86_64@system httpd-tools-2.4.62-1.el9.x86_64@appstream
#>upgrade libnsl2-1.3.0-4.el9.x86_64@system libnsl2-2.0.0-1.el9.x86_64@appstream
#>upgrade libxslt-1.1.34-7.el9.x86_64@system libxslt-1.1.34-9.el9.x86_64@appstream
#>upgrade mod_http2-1.15.19-2.el9.x86_64@system mod_http2-2.0.26-2.el9.x86_64@appstream
#>upgrade mod_lua-2.4.57-3.el9.x86_64@system mod_lua-2.4.62-1.el9.x86_64@appstream
#>upgrade nginx-1:1.20.1-13.el9.x86_64@system nginx-2:1.20.1-20.el9.x86_64@appstream
#>upgrade nginx-core-1:1.20.1-13.el9.x86_64@system nginx-core-2:1.20.1-20.el9.x86_64@appstream
#>upgrade nginx-filesystem-1:1.20.1-13.el9.noarch@system nginx-filesystem-2:1.20.1-20.el9.noarch@appstream
#>upgrade php-8.0.20-3.el9.x86_64@system php-8.3.15-1.module_el9+1148+4d3da9e4.x86_64@appstream
#>upgrade php-cli-8.0.20-3.el9.x86_64@system php-cli-8.3.15-1.module_el9+1148+4d3da9e4.x86_64@appstream
#>upgrade php-common-8.0.20-3.el9.x86_64@system php-common-8.3.15-1.module_el9+1148+4d3da9e4.x86_64@appstream
#>upgrade php-fpm-8.0.20-3.el9.x86_64@system php-fpm-8.3.15-1.module_el9+1148+4d3da9e4.x86_64@appstream
#>upgrade php-mbstring-8.0.20-3.el9.x86_64@system php-mbstring-8.3.15-1.module_el9+1148+4d3da9e4.x86_64@appstream
#>upgrade php-opcache-8.0.20-3.el9.x86_64@system php-opcache-8.3.15-1.module_el9+1148+4d3da9e4.x86_64@appstream
#>upgrade php-pdo-8.0.20-3.el9.x86_64@system php-pdo-8.3.15-1.module_el9+1148+4d3da9e4.x86_64@appstream
#>upgrade php-xml-8.0.20-3.el9.x86_64@system php-xml-8.3.15-1.module_el9+1148+4d3da9e4.x86_64@appstream
#>upgrade postgresql-13.10-1.el9.x86_64@system postgresql-16.6-1.module_el9+1137+39dc736e.x86_64@appstream
#>upgrade postgresql-private-libs-13.10-1.el9.x86_64@system postgresql-private-libs-16.6-1.module_el9+1137+39dc736e.x86_64@appstream
#>upgrade postgresql-server-13.10-1.el9.x86_64@system postgresql-server-16.6-1.module_el9+1137+39dc736e.x86_64@appstream
#>upgrade python3.11-3.11.10-1.el9.x86_64@system python3.11-3.11.11-1.el9.x86_64@appstream
#>upgrade python3.11-libs-3.11.10-1.el9.x86_64@system python3.11-libs-3.11.11-1.el9.x86_64@appstream
#>upgrade python3.11-pip-wheel-22.3.1-2.el9.noarch@system python3.11-pip-wheel-22.3.1-5.el9.noarch@appstream
#>upgrade python3.11-setuptools-wheel-65.5.1-2.el9.noarch@system python3.11-setuptools-wheel-65.5.1-3.el9.noarch@appstream
nextjob
job install name firefox
job excludefromweak name firefox-x11
result transaction,problems <inline>
#>install adwaita-cursor-theme-40.1.1-3.el9.noarch@appstream
#>install adwaita-icon-theme-40.1.1-3.el9.noarch@appstream
#>install alsa-lib-1.2.13-2.el9.x86_64@appstream
#>install at-spi2-atk-2.38.0-4.el9.x86_64@appstream
#>install at-spi2-core-2.40.3-1.el9.x86_64@appstream
#>install atk-2.36.0-5.el9.x86_64@appstream
#>install cairo-1.17.4-7.el9.x86_64@appstream
#>install cairo-gobject-1.17.4-7.el9.x86_64@appstream
#>install centos-indexhtml-9.3-1.el9.noarch@appstream
#>install colord-libs-1.4.5-4.el9.x86_64@appstream
#>install dconf-0.40.0-6.el9.x86_64@appstream
#>install exempi-2.6.0-0.2.20211007gite23c213.el9.x86_64@appstream
#>install exiv2-0.27.5-2.el9.x86_64@appstream
#>install exiv2-libs-0.27.5-2.el9.x86_64@appstream
#>install firefox-128.6.0-1.el9.x86_64@appstream
#>install flac-libs-1.3.3-12.el9.x86_64@appstream
#>install fontconfig-2.14.0-2.el9.x86_64@appstream
#>install fribidi-1.0.10-6.el9.2.x86_64@appstream
#>install gdk-pixbuf2-2.42.6-4.el9.x86_64@appstream
#>install gdk-pixbuf2-modules-2.42.6-4.el9.x86_64@appstream
#>install giflib-5.2.1-9.el9.x86_64@appstream
#>install graphene-1.10.6-2.el9.x86_64@appstream
#>install gsm-1.0.19-6.el9.x86_64@appstream
#>install gstreamer1-1.22.12-3.el9.x86_64@appstream
#>install gstreamer1-plugins-base-1.22.12-4.el9.x86_64@appstream
#>install gtk-update-icon-cache-3.24.31-5.el9.x86_64@appstream
#>install gtk3-3.24.31-5.el9.x86_64@appstream
#>install hicolor-icon-theme-0.17-13.el9.noarch@appstream
#>install iso-codes-4.6.0-3.el9.noarch@appstream
#>install jbigkit-libs-2.1-23.el9.x86_64@appstream
#>install langpacks-core-font-en-3.0-16.el9.noarch@appstream
#>install lcms2-2.12-3.el9.x86_64@appstream
#>install libX11-1.7.0-11.el9.x86_64@appstream
#>install libX11-common-1.7.0-11.el9.noarch@appstream
#>install libX11-xcb-1.7.0-11.el9.x86_64@appstream
#>install libXau-1.0.9-8.el9.x86_64@appstream
#>install libXcomposite-0.4.5-7.el9.x86_64@appstream
#>install libXcursor-1.2.0-7.el9.x86_64@appstream
#>install libXdamage-1.1.5-7.el9.x86_64@appstream
#>install libXext-1.3.4-8.el9.x86_64@appstream
#>install libXfixes-5.0.3-16.el9.x86_64@appstream
#>install libXft-2.3.3-8.el9.x86_64@appstream
#>install libXi-1.7.10-8.el9.x86_64@appstream
#>install libXinerama-1.1.4-10.el9.x86_64@appstream
#>install libXrandr-1.5.2-8.el9.x86_64@appstream
#>install libXrender-0.9.10-16.el9.x86_64@appstream
#>install libXtst-1.2.3-16.el9.x86_64@appstream
#>install libXv-1.0.11-16.el9.x86_64@appstream
#>install libXxf86vm-1.1.4-18.el9.x86_64@appstream
#>install libasyncns-0.8-22.el9.x86_64@appstream
#>install libcanberra-0.30-27.el9.x86_64@appstream
#>install libcanberra-gtk3-0.30-27.el9.x86_64@appstream
#>install libdatrie-0.2.13-4.el9.x86_64@appstream
#>install libdrm-2.4.121-1.el9.x86_64@appstream
#>install libepoxy-1.5.5-4.el9.x86_64@appstream
#>install libexif-0.6.22-6.el9.x86_64@appstream
#>install libgexiv2-0.12.3-1.el9.x86_64@appstream
#>install libglvnd-1:1.3.4-1.el9.x86_64@appstream
#>install libglvnd-egl-1:1.3.4-1.el9.x86_64@appstream
#>install libglvnd-glx-1:1.3.4-1.el9.x86_64@appstream
#>install libgsf-1.14.47-5.el9.x86_64@appstream
#>install libgxps-0.3.2-3.el9.x86_64@appstream
#>install libiptcdata-1.0.5-10.el9.x86_64@appstream
#>install libjpeg-turbo-2.0.90-7.el9.x86_64@appstream
#>install libogg-2:1.3.4-6.el9.x86_64@appstream
#>install libosinfo-1.10.0-1.el9.x86_64@appstream
#>install libsndfile-1.0.31-9.el9.x86_64@appstream
#>install libsoup-2.72.0-8.el9.x86_64@appstream
#>install libstemmer-0-18.585svn.el9.x86_64@appstream
#>install libthai-0.1.28-8.el9.x86_64@appstream
#>install libtheora-1:1.1.1-31.el9.x86_64@appstream
#>install libtiff-4.4.0-13.el9.x86_64@appstream
#>install libtool-ltdl-2.4.6-46.el9.x86_64@appstream
#>install libtracker-sparql-3.1.2-3.el9.x86_64@appstream
#>install libvorbis-1:1.3.7-5.el9.x86_64@appstream
#>install libwayland-client-1.21.0-1.el9.x86_64@appstream
#>install libwayland-cursor-1.21.0-1.el9.x86_64@appstream
#>install libwayland-egl-1.21.0-1.el9.x86_64@appstream
#>install libwayland-server-1.21.0-1.el9.x86_64@appstream
#>install libwebp-1.2.0-8.el9.x86_64@appstream
#>install libxcb-1.13.1-9.el9.x86_64@appstream
#>install libxkbcommon-1.0.3-4.el9.x86_64@appstream
#>install libxshmfence-1.3-10.el9.x86_64@appstream
#>install llvm-libs-19.1.5-2.el9.x86_64@appstream
#>install mesa-dri-drivers-24.1.2-3.el9.x86_64@appstream
#>install mesa-filesystem-24.1.2-3.el9.x86_64@appstream
#>install mesa-libEGL-24.1.2-3.el9.x86_64@appstream
#>install mesa-libGL-24.1.2-3.el9.x86_64@appstream
#>install mesa-libgbm-24.1.2-3.el9.x86_64@appstream
#>install mesa-libglapi-24.1.2-3.el9.x86_64@appstream
#>install mozilla-filesystem-1.9-30.el9.x86_64@appstream
#>install nspr-4.35.0-17.el9.x86_64@appstream
#>install nss-3.101.0-10.el9.x86_64@appstream
#>install nss-softokn-3.101.0-10.el9.x86_64@appstream
#>install nss-softokn-freebl-3.101.0-10.el9.x86_64@appstream
#>install nss-sysinit-3.101.0-10.el9.x86_64@appstream
#>install nss-util-3.101.0-10.el9.x86_64@appstream
#>install openjpeg2-2.4.0-7.el9.x86_64@appstream
#>install opus-1.3.1-10.el9.x86_64@appstream
#>install orc-0.4.31-8.el9.x86_64@appstream
#>install osinfo-db-20240701-3.el9.noarch@appstream
#>install osinfo-db-tools-1.10.0-1.el9.x86_64@appstream
#>install pango-1.48.7-3.el9.x86_64@appstream
#>install pixman-0.40.0-6.el9.x86_64@appstream
#>install poppler-21.01.0-21.el9.x86_64@appstream
#>install poppler-data-0.4.9-9.el9.noarch@appstream
#>install poppler-glib-21.01.0-21.el9.x86_64@appstream
#>install pulseaudio-libs-15.0-3.el9.x86_64@appstream
#>install sound-theme-freedesktop-0.8-17.el9.noarch@appstream
#>install totem-pl-parser-3.26.6-2.el9.x86_64@appstream
#>install tracker-3.1.2-3.el9.x86_64@appstream
#>install tracker-miners-3.1.2-4.el9.x86_64@appstream
#>install upower-0.99.11-11.el9.x86_64@appstream
#>install xkeyboard-config-2.33-2.el9.noarch@appstream
#>install xml-common-0.6.3-58.el9.noarch@appstream
nextjob
job install name cockpit
solverflags strongrecommends
result transaction,problems <inline>
#>problem c43b1300 info package cockpit does not exist
#>problem c43b1300 solution a6da5d6d deljob install name cockpit
nextjob
job distupgrade all packages
solverflags keeporphans
result transaction,problems <inline>
#>upgrade apr-1.7.0-10.5.el9.x86_64@system apr-1.7.0-12.el9.x86_64@appstream
#>upgrade apr-util-1.6.1-20.el9.x86_64@system apr-util-1.6.1-23.el9.x86_64@appstream
#>upgrade apr-util-bdb-1.6.1-20.el9.x86_64@system apr-util-bdb-1.6.1-23.el9.x86_64@appstream
#>upgrade apr-util-openssl-1.6.1-20.el9.x86_64@system apr-util-openssl-1.6.1-23.el9.x86_64@appstream
#>upgrade centos-logos-httpd-90.0-1.el9.noarch@system centos-logos-httpd-90.8-1.el9.noarch@appstream
#>upgrade httpd-2.4.57-3.el9.x86_64@system httpd-2.4.62-1.el9.x86_64@appstream
#>upgrade httpd-core-2.4.57-3.el9.x86_64@system httpd-core-2.4.62-1.el9.x86_64@appstream
#>upgrade httpd-filesystem-2.4.57-3.el9.noarch@system httpd-filesystem-2.4.62-1.el9.noarch@appstream
#>upgrade httpd-tools-2.4.57-3.el9.x86_64@system httpd-tools-2.4.62-1.el9.x86_64@appstream
#>upgrade libnsl2-1.3.0-4.el9.x86_64@system libnsl2-2.0.0-1.el9.x86_64@appstream
#>upgrade libxslt-1.1.34-7.el9.x86_64@system libxslt-1.1.34-9.el9.x86_64@appstream
#>upgrade mod_http2-1.15.19-2.el9.x86_64@system mod_http2-2.0.26-2.el9.x86_64@appstream
#>upgrade mod_lua-2.4.57-3.el9.x86_64@system mod_lua-2.4.62-1.el9.x86_64@appstream
#>upgrade nginx-1:1.20.1-13.el9.x86_64@system nginx-2:1.20.1-20.el9.x86_64@appstream
#>upgrade nginx-core-1:1.20.1-13.el9.x86_64@system nginx-core-2:1.20.1-20.el9.x86_64@appstream
#>upgrade nginx-filesystem-1:1.20.1-13.el9.noarch@system nginx-filesystem-2:1.20.1-20.el9.noarch@appstream
#>upgrade php-8.0.20-3.el9.x86_64@system php-8.3.15-1.module_el9+1148+4d3da9e4.x86_64@appstream
#>upgrade php-cli-8.0.20-3.el9.x86_64@system php-cli-8.3.15-1.module_el9+1148+4d3da9e4.x86_64@appstream
#>upgrade php-common-8.0.20-3.el9.x86_64@system php-common-8.3.15-1.module_el9+1148+4d3da9e4.x86_64@appstream
#>upgrade php-fpm-8.0.20-3.el9.x86_64@system php-fpm-8.3.15-1.module_el9+1148+4d3da9e4.x86_64@appstream
#>upgrade php-mbstring-8.0.20-3.el9.x86_64@system php-mbstring-8.3.15-1.module_el9+1148+4d3da9e4.x86_64@appstream
#>upgrade php-opcache-8.0.20-3.el9.x86_64@system php-opcache-8.3.15-1.module_el9+1148+4d3da9e4.x86_64@appstream
#>upgrade php-pdo-8.0.20-3.el9.x86_64@system php-pdo-8.3.15-1.module_el9+1148+4d3da9e4.x86_64@appstream
#>upgrade php-xml-8.0.20-3.el9.x86_64@system php-xml-8.3.15-1.module_el9+1148+4d3da9e4.x86_64@appstream
#>upgrade postgresql-13.10-1.el9.x86_64@system postgresql-16.6-1.module_el9+1137+39dc736e.x86_64@appstream
#>upgrade postgresql-private-libs-13.10-1.el9.x86_64@system postgresql-private-libs-16.6-1.module_el9+1137+39dc736e.x86_64@appstream
#>upgrade postgresql-server-13.10-1.el9.x86_64@system postgresql-server-16.6-1.module_el9+1137+39dc736e.x86_64@appstream
#>upgrade python3.11-3.11.10-1.el9.x86_64@system python3.11-3.11.11-1.el9.x86_64@appstream
#>upgrade python3.11-libs-3.11.10-1.el9.x86_64@system python3.11-libs-3.11.11-1.el9.x86_64@appstream
#>upgrade python3.11-pip-wheel-22.3.1-2.el9.noarch@system python3.11-pip-wheel-22.3.1-5.el9.noarch@appstream
#>upgrade python3.11-setuptools-wheel-65.5.1-2.el9.noarch@system python3.11-setuptools-wheel-65.5.1-3.el9.noarch@appstream
nextjob
job distupgrade all packages
solverflags !dupallowdowngrade
result transaction,problems <inline>
#>upgrade apr-1.7.0-10.5.el9.x86_64@system apr-1.7.0-12.el9.x86_64@appstream
#>upgrade apr-util-1.6.1-20.el9.x86_64@system apr-util-1.6.1-23.el9.x86_64@appstream
#>upgrade apr-util-bdb-1.6.1-20.el9.x86_64@system apr-util-bdb-1.6.1-23.el9.x86_64@appstream
#>upgrade apr-util-openssl-1.6.1-20.el9.x86_64@system apr-util-openssl-1.6.1-23.el9.x86_64@appstream
#>upgrade centos-logos-httpd-90.0-1.el9.noarch@system centos-logos-httpd-90.8-1.el9.noarch@appstream
#>upgrade httpd-2.4.57-3.el9.x86_64@system httpd-2.4.62-1.el9.x86_64@appstream
#>upgrade httpd-core-2.4.57-3.el9.x86_64@system httpd-core-2.4.62-1.el9.x86_64@appstream
#>upgrade httpd-filesystem-2.4.57-3.el9.noarch@system httpd-filesystem-2.4.62-1.el9.noarch@appstream
#>upgrade httpd-tools-2.4.57-3.el9.x86_64@system httpd-tools-2.4.62-1.el9.x86_64@appstream
#>upgrade libnsl2-1.3.0-4.el9.x86_64@system libnsl2-2.0.0-1.el9.x86_64@appstream
#>upgrade libxslt-1.1.34-7.el9.x86_64@system libxslt-1.1.34-9.el9.x86_64@appstream
#>upgrade mod_http2-1.15.19-2.el9.x86_64@system mod_http2-2.0.26-2.el9.x86_64@appstream
#>upgrade mod_lua-2.4.57-3.el9.x86_64@system mod_lua-2.4.62-1.el9.x86_64@appstream
#>upgrade nginx-1:1.20.1-13.el9.x86_64@system nginx-2:1.20.1-20.el9.x86_64@appstream
#>upgrade nginx-core-1:1.20.1-13.el9.x86_64@system nginx-core-2:1.20.1-20.el9.x86_64@appstream
#>upgrade nginx-filesystem-1:1.20.1-13.el9.noarch@system nginx-filesystem-2:1.20.1-20.el9.noarch@appstream
#>upgrade php-8.0.20-3.el9.x86_64@system php-8.3.15-1.module_el9+1148+4d3da9e4.x86_64@appstream
#>upgrade php-cli-8.0.20-3.el9.x86_64@system php-cli-8.3.15-1.module_el9+1148+4d3da9e4.x86_64@appstream
#>upgrade php-common-8.0.20-3.el9.x86_64@system php-common-8.3.15-1.module_el9+1148+4d3da9e4.x86_64@appstream
#>upgrade php-fpm-8.0.20-3.el9.x86_64@system php-fpm-8.3.15-1.module_el9+1148+4d3da9e4.x86_64@appstream
#>upgrade php-mbstring-8.0.20-3.el9.x86_64@system php-mbstring-8.3.15-1.module_el9+1148+4d3da9e4.x86_64@appstream
#>upgrade php-opcache-8.0.20-3.el9.x86_64@system php-opcache-8.3.15-1.module_el9+1148+4d3da9e4.x86_64@appstream
#>upgrade php-pdo-8.0.20-3.el9.x86_64@system php-pdo-8.3.15-1.module_el9+1148+4d3da9e4.x86_64@appstream
#>upgrade php-xml-8.0.20-3.el9.x86_64@system php-xml-8.3.15-1.module_el9+1148+4d3da9e4.x86_64@appstream
#>upgrade postgresql-13.10-1.el9.x86_64@system postgresql-16.6-1.module_el9+1137+39dc736e.x86_64@appstream
#>upgrade postgresql-private-libs-13.10-1.el9.x86_64@system postgresql-private-libs-16.6-1.module_el9+1137+39dc736e.x86_64@appstream
#>upgrade postgresql-server-13.10-1.el9.x86_64@system postgresql-server-16.6-1.module_el9+1137+39dc736e.x86_64@appstream
#>upgrade python3.11-3.11.10-1.el9.x86_64@system python3.11-3.11.11-1.el9.x86_64@appstream
#>upgrade python3.11-libs-3.11.10-1.el9.x86_64@system python3.11-libs-3.11.11-1.el9.x86_64@appstream
#>upgrade python3.11-pip-wheel-22.3.1-2.el9.noarch@system python3.11-pip-wheel-22.3.1-5.el9.noarch@appstream
#>upgrade python3.11-setuptools-wheel-65.5.1-2.el9.noarch@system python3.11-setuptools-wheel-65.5.1-3.el9.noarch@appstream
nextjob
job erase name nginx-filesystem [cleandeps]
result transaction,problems <inline>
#>problem bdb57422 info package php-fpm-8.0.20-3.el9.x86_64 requires nginx-filesystem, but none of the providers can be installed
#>problem bdb57422 solution 2c708d38 deljob erase name nginx-filesystem [cleandeps]
#>problem bdb57422 solution 94f7ac41 erase nginx-1:1.20.1-13.el9.x86_64@system
#>problem bdb57422 solution 94f7ac41 erase nginx-core-1:1.20.1-13.el9.x86_64@system
#>problem bdb57422 solution 94f7ac41 erase php-fpm-8.0.20-3.el9.x86_64@system
nextjob
job erase name perl-interpreter
solverflags allowuninstall
result transaction,problems <inline>
nextjob
job install name php-pgsql
job install name php-mysqlnd
result transaction,problems <inline>
#>install libpq-13.15-1.el9.x86_64@appstream
#>install php-mysqlnd-8.3.15-1.module_el9+1148+4d3da9e4.x86_64@appstream
#>install php-pgsql-8.3.15-1.module_el9+1148+4d3da9e4.x86_64@appstream
#>upgrade php-8.0.20-3.el9.x86_64@system php-8.3.15-1.module_el9+1148+4d3da9e4.x86_64@appstream
#>upgrade php-cli-8.0.20-3.el9.x86_64@system php-cli-8.3.15-1.module_el9+1148+4d3da9e4.x86_64@appstream
#>upgrade php-common-8.0.20-3.el9.x86_64@system php-common-8.3.15-1.module_el9+1148+4d3da9e4.x86_64@appstream
#>upgrade php-fpm-8.0.20-3.el9.x86_64@system php-fpm-8.3.15-1.module_el9+1148+4d3da9e4.x86_64@appstream
#>upgrade php-mbstring-8.0.20-3.el9.x86_64@system php-mbstring-8.3.15-1.module_el9+1148+4d3da9e4.x86_64@appstream
#>upgrade php-opcache-8.0.20-3.el9.x86_64@system php-opcache-8.3.15-1.module_el9+1148+4d3da9e4.x86_64@appstream
#>upgrade php-pdo-8.0.20-3.el9.x86_64@system php-pdo-8.3.15-1.module_el9+1148+4d3da9e4.x86_64@appstream
#>upgrade php-xml-8.0.20-3.el9.x86_64@system php-xml-8.3.15-1.module_el9+1148+4d3da9e4.x86_64@appstream
nextjob
job install provides php-fpm
job erase name httpd [cleandeps]
result transaction,problems <inline>
#>erase apr-1.7.0-10.5.el9.x86_64@system
#>erase apr-util-1.6.1-20.el9.x86_64@system
#>erase apr-util-bdb-1.6.1-20.el9.x86_64@system
#>erase apr-util-openssl-1.6.1-20.el9.x86_64@system
#>erase httpd-2.4.57-3.el9.x86_64@system
#>erase httpd-core-2.4.57-3.el9.x86_64@system
#>erase httpd-tools-2.4.57-3.el9.x86_64@system
#>erase mod_http2-1.15.19-2.el9.x86_64@system
#>erase mod_lua-2.4.57-3.el9.x86_64@system
nextjob
job userinstalled name nginx
job erase name nginx-core [cleandeps]
result transaction,problems <inline>
#>problem b2db690e info package nginx-1:1.20.1-13.el9.x86_64 requires nginx-core = 1:1.20.1-13.el9, but none of the providers can be installed
#>problem b2db690e solution 603b925f erase nginx-1:1.20.1-13.el9.x86_64@system
#>problem b2db690e solution edba3550 deljob erase name nginx-core [cleandeps]
