repo system 0 testtags system.repo.xz
repo appstream 99 testtags appstream.repo.gz
repo stub 99 testtags stub.repo.gz
system x86_64 rpm system
job install name SDL2
result transaction,problems <inline>
#>install SDL2-2.26.0-1.el9.x86_64@appstream
nextjob
job install name SDL2
job install name libwayland-client
result transaction,problems <inline>
#>install SDL2-2.26.0-1.el9.x86_64@appstream
#>install cairo-1.17.4-7.el9.x86_64@appstream
#>install fontconfig-2.14.0-2.el9.x86_64@appstream
#>install fribidi-1.0.10-6.el9.2.x86_64@appstream
#>install langpacks-core-font-en-3.0-16.el9.noarch@appstream
#>install libX11-1.7.0-11.el9.x86_64@appstream
#>install libX11-common-1.7.0-11.el9.noarch@appstream
#>install libXau-1.0.9-8.el9.x86_64@appstream
#>install libXext-1.3.4-8.el9.x86_64@appstream
#>install libXft-2.3.3-8.el9.x86_64@appstream
#>install libXrender-0.9.10-16.el9.x86_64@appstream
#>install libdatrie-0.2.13-4.el9.x86_64@appstream
#>install libdecor-0.1.1-1.el9.x86_64@appstream
#>install libthai-0.1.28-8.el9.x86_64@appstream
#>install libwayland-client-1.21.0-1.el9.x86_64@appstream
#>install libwayland-cursor-1.21.0-1.el9.x86_64@appstream
#>install libxcb-1.13.1-9.el9.x86_64@appstream
#>install pango-1.48.7-3.el9.x86_64@appstream
#>install pixman-0.40.0-6.el9.x86_64@appstream
#>install xml-common-0.6.3-58.el9.noarch@appstream
nextjob
job install name ibus
result transaction,problems <inline>
#>problem e8e91221 info nothing provides python(abi) = 3.9 needed by ibus-1.5.25-1.el9.x86_64
#>problem e8e91221 solution b5d3ef2f deljob install name ibus
nextjob
job install name gtk2
job install name ibus
result transaction,problems <inline>
#>install adwaita-cursor-theme-40.1.1-3.el9.noarch@appstream
#>install adwaita-icon-theme-40.1.1-3.el9.noarch@appstream
#>install alsa-lib-1.2.13-2.el9.x86_64@appstream
#>install at-spi2-atk-2.38.0-4.el9.x86_64@appstream
#>install at-spi2-core-2.40.3-1.el9.x86_64@appstream
#>install atk-2.36.0-5.el9.x86_64@appstream
#>install cairo-1.17.4-7.el9.x86_64@appstream
#>install cairo-gobject-1.17.4-7.el9.x86_64@appstream
#>install colord-libs-1.4.5-4.el9.x86_64@appstream
#>install dconf-0.40.0-6.el9.x86_64@appstream
#>install exempi-2.6.0-0.2.20211007gite23c213.el9.x86_64@appstream
#>install exiv2-0.27.5-2.el9.x86_64@appstream
#>install exiv2-libs-0.27.5-2.el9.x86_64@appstream
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
#>install gtk2-2.24.33-8.el9.x86_64@appstream
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
#>install libcanberra-gtk2-0.30-27.el9.x86_64@appstream
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
#>problem e8e91221 info nothing provides python(abi) = 3.9 needed by ibus-1.5.25-1.el9.x86_64
#>problem e8e91221 solution b5d3ef2f deljob install name ibus
nextjob
job install name gnome-themes-extra
job install name gtk2
result transaction,problems <inline>
#>install adwaita-cursor-theme-40.1.1-3.el9.noarch@appstream
#>install adwaita-gtk2-theme-3.28-14.el9.x86_64@appstream
#>install adwaita-icon-theme-40.1.1-3.el9.noarch@appstream
#>install alsa-lib-1.2.13-2.el9.x86_64@appstream
#>install at-spi2-atk-2.38.0-4.el9.x86_64@appstream
#>install at-spi2-core-2.40.3-1.el9.x86_64@appstream
#>install atk-2.36.0-5.el9.x86_64@appstream
#>install cairo-1.17.4-7.el9.x86_64@appstream
#>install cairo-gobject-1.17.4-7.el9.x86_64@appstream
#>install colord-libs-1.4.5-4.el9.x86_64@appstream
#>install dconf-0.40.0-6.el9.x86_64@appstream
#>install exempi-2.6.0-0.2.20211007gite23c213.el9.x86_64@appstream
#>install exiv2-0.27.5-2.el9.x86_64@appstream
#>install exiv2-libs-0.27.5-2.el9.x86_64@appstream
#>install flac-libs-1.3.3-12.el9.x86_64@appstream
#>install fontconfig-2.14.0-2.el9.x86_64@appstream
#>install fribidi-1.0.10-6.el9.2.x86_64@appstream
#>install gdk-pixbuf2-2.42.6-4.el9.x86_64@appstream
#>install gdk-pixbuf2-modules-2.42.6-4.el9.x86_64@appstream
#>install giflib-5.2.1-9.el9.x86_64@appstream
#>install gnome-themes-extra-3.28-14.el9.x86_64@appstream
#>install graphene-1.10.6-2.el9.x86_64@appstream
#>install gsm-1.0.19-6.el9.x86_64@appstream
#>install gstreamer1-1.22.12-3.el9.x86_64@appstream
#>install gstreamer1-plugins-base-1.22.12-4.el9.x86_64@appstream
#>install gtk-update-icon-cache-3.24.31-5.el9.x86_64@appstream
#>install gtk2-2.24.33-8.el9.x86_64@appstream
#>install gtk3-3.24.31-5.el9.x86_64@appstream
#>install hicolor-icon-theme-0.17-13.el9.noarch@appstream
#>install highcontrast-icon-theme-3.28-14.el9.noarch@appstream
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
#>install libcanberra-gtk2-0.30-27.el9.x86_64@appstream
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
job install name flatpak
result transaction,problems <inline>
#>problem 79fe8272 info nothing provides policycoreutils = 3.5-2.el9 needed by python3-policycoreutils-3.5-2.el9.noarch
#>problem 79fe8272 solution cab70327 deljob install name flatpak
nextjob
job install name annobin
result transaction,problems <inline>
#>problem 8092390d info nothing provides libgomp = 11.4.1-2.1.el9 needed by gcc-11.4.1-2.1.el9.x86_64
#>problem 8092390d solution 80de69a4 deljob install name annobin
nextjob
job install name gcc-toolset-13-annobin-plugin-gcc
result transaction,problems <inline>
#>problem d777b991 info nothing provides glibc = 2.34-140.el9 needed by glibc-devel-2.34-140.el9.x86_64
#>problem d777b991 solution d6a92f4b deljob install name gcc-toolset-13-annobin-plugin-gcc
nextjob
job install name cockpit-machines
job install name virt-install
result transaction,problems <inline>
#>problem 3a784551 info package cockpit-machines-318.1-1.el9.noarch requires libvirt-daemon-driver-qemu, but none of the providers can be installed
#>problem 3a784551 solution 1c4141e6 deljob install name cockpit-machines
#>problem b23b7505 info package virt-install-4.1.0-2.el9.noarch requires virt-manager-common = 4.1.0-2.el9, but none of the providers can be installed
#>problem b23b7505 solution 854a6e34 deljob install name virt-install
nextjob
job install name boost
job install name python3-numpy
result transaction,problems <inline>
#>install boost-1.75.0-8.el9.x86_64@appstream
#>install boost-atomic-1.75.0-8.el9.x86_64@appstream
#>install boost-chrono-1.75.0-8.el9.x86_64@appstream
#>install boost-container-1.75.0-8.el9.x86_64@appstream
#>install boost-context-1.75.0-8.el9.x86_64@appstream
#>install boost-contract-1.75.0-8.el9.x86_64@appstream
#>install boost-coroutine-1.75.0-8.el9.x86_64@appstream
#>install boost-date-time-1.75.0-8.el9.x86_64@appstream
#>install boost-fiber-1.75.0-8.el9.x86_64@appstream
#>install boost-filesystem-1.75.0-8.el9.x86_64@appstream
#>install boost-graph-1.75.0-8.el9.x86_64@appstream
#>install boost-iostreams-1.75.0-8.el9.x86_64@appstream
#>install boost-locale-1.75.0-8.el9.x86_64@appstream
#>install boost-log-1.75.0-8.el9.x86_64@appstream
#>install boost-math-1.75.0-8.el9.x86_64@appstream
#>install boost-nowide-1.75.0-8.el9.x86_64@appstream
#>install boost-program-options-1.75.0-8.el9.x86_64@appstream
#>install boost-python3-1.75.0-8.el9.x86_64@appstream
#>install boost-random-1.75.0-8.el9.x86_64@appstream
#>install boost-regex-1.75.0-8.el9.x86_64@appstream
#>install boost-serialization-1.75.0-8.el9.x86_64@appstream
#>install boost-stacktrace-1.75.0-8.el9.x86_64@appstream
#>install boost-system-1.75.0-8.el9.x86_64@appstream
#>install boost-test-1.75.0-8.el9.x86_64@appstream
#>install boost-thread-1.75.0-8.el9.x86_64@appstream
#>install boost-timer-1.75.0-8.el9.x86_64@appstream
#>install boost-type_erasure-1.75.0-8.el9.x86_64@appstream
#>install boost-wave-1.75.0-8.el9.x86_64@appstream
#>problem 4bf561be info nothing provides python(abi) = 3.9 needed by python3-numpy-1:1.20.1-4.el9.x86_64
#>problem 4bf561be solution 5ea6d172 deljob install name python3-numpy
nextjob
job install name langpacks-core-ja
job install name xorg-x11-server-Xorg
result transaction,problems <inline>
#>problem 73bf978e info nothing provides python(abi) = 3.9 needed by ibus-1.5.25-1.el9.x86_64
#>problem 73bf978e solution 61191205 deljob install name langpacks-core-ja
#>problem 73bf978e solution 86070cf9 deljob install name xorg-x11-server-Xorg
nextjob
job install name ansible-core
result transaction,problems <inline>
#>problem 6b1ff6b1 info nothing provides python(abi) = 3.9 needed by ansible-core-1:2.14.12-1.el9.x86_64
#>problem 6b1ff6b1 solution 93469809 deljob install name ansible-core
nextjob
job install name grafana
result transaction,problems <inline>
#>problem 08b48373 info nothing provides policycoreutils = 3.5-2.el9 needed by python3-policycoreutils-3.5-2.el9.noarch
#>problem 08b48373 solution bfbff4f2 deljob install name grafana
nextjob
job install name ipa-client
result transaction,problems <inline>
#>problem 968fa3b6 info nothing provides sssd-common = 2.9.5-1.el9 needed by sssd-idp-2.9.5-1.el9.x86_64
#>problem 968fa3b6 solution 2eeab95c deljob install name ipa-client
