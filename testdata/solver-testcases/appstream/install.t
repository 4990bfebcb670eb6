repo system 0 testtags system.repo.xz
repo appstream 99 testtags appstream.repo.gz
repo stub 99 testtags stub.repo.gz
system x86_64 rpm system
job install name firefox
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
job install name podman
result transaction,problems install-2.r
nextjob
job install name cockpit
result transaction,problems <inline>
#>problem c43b1300 info package cockpit does not exist
#>problem c43b1300 solution a6da5d6d deljob install name cockpit
nextjob
job install name nodejs
result transaction,problems <inline>
#>problem 8864a20c info nothing provides openssl >= 1:1.1.1 needed by nodejs-1:16.20.2-3.el9.x86_64
#>problem 8864a20c solution a3011b3c deljob install name nodejs
nextjob
job install name golang
result transaction,problems install-5.r
nextjob
job install name rust
result transaction,problems <inline>
#>problem ae1c5153 info nothing provides libgomp = 11.4.1-2.1.el9 needed by gcc-11.4.1-2.1.el9.x86_64
#>problem ae1c5153 solution 9bc8b47f deljob install name rust
nextjob
job install name gcc-toolset-13
result transaction,problems <inline>
#>problem d18d20a2 info nothing provides glibc = 2.34-140.el9 needed by glibc-devel-2.34-140.el9.x86_64
#>problem d18d20a2 solution 83f2eaa8 deljob install name gcc-toolset-13
nextjob
job install name qemu-kvm
result transaction,problems <inline>
#>install boost-iostreams-1.75.0-8.el9.x86_64@appstream
#>install boost-system-1.75.0-8.el9.x86_64@appstream
#>install boost-thread-1.75.0-8.el9.x86_64@appstream
#>install edk2-ovmf-20241117-1.el9.noarch@appstream
#>install flac-libs-1.3.3-12.el9.x86_64@appstream
#>install gsm-1.0.19-6.el9.x86_64@appstream
#>install ipxe-roms-qemu-20200823-9.git4bd064de.el9.noarch@appstream
#>install libX11-1.7.0-11.el9.x86_64@appstream
#>install libX11-common-1.7.0-11.el9.noarch@appstream
#>install libX11-xcb-1.7.0-11.el9.x86_64@appstream
#>install libXau-1.0.9-8.el9.x86_64@appstream
#>install libXext-1.3.4-8.el9.x86_64@appstream
#>install libXfixes-5.0.3-16.el9.x86_64@appstream
#>install libXxf86vm-1.1.4-18.el9.x86_64@appstream
#>install libasyncns-0.8-22.el9.x86_64@appstream
#>install libblkio-1.5.0-1.el9.x86_64@appstream
#>install libdrm-2.4.121-1.el9.x86_64@appstream
#>install libepoxy-1.5.5-4.el9.x86_64@appstream
#>install libfdt-1.6.0-7.el9.x86_64@appstream
#>install libglvnd-1:1.3.4-1.el9.x86_64@appstream
#>install libglvnd-egl-1:1.3.4-1.el9.x86_64@appstream
#>install libglvnd-glx-1:1.3.4-1.el9.x86_64@appstream
#>install libogg-2:1.3.4-6.el9.x86_64@appstream
#>install libpmem-1.12.1-1.el9.x86_64@appstream
#>install librados2-2:16.2.4-5.el9.x86_64@appstream
#>install librbd1-2:16.2.4-5.el9.x86_64@appstream
#>install libslirp-4.4.0-8.el9.x86_64@appstream
#>install libsndfile-1.0.31-9.el9.x86_64@appstream
#>install liburing-2.5-1.el9.x86_64@appstream
#>install libvorbis-1:1.3.7-5.el9.x86_64@appstream
#>install libwayland-client-1.21.0-1.el9.x86_64@appstream
#>install libwayland-server-1.21.0-1.el9.x86_64@appstream
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
#>install opus-1.3.1-10.el9.x86_64@appstream
#>install pixman-0.40.0-6.el9.x86_64@appstream
#>install pulseaudio-libs-15.0-3.el9.x86_64@appstream
#>install qemu-img-17:9.1.0-7.el9.x86_64@appstream
#>install qemu-kvm-17:9.1.0-7.el9.x86_64@appstream
#>install qemu-kvm-audio-pa-17:9.1.0-7.el9.x86_64@appstream
#>install qemu-kvm-block-blkio-17:9.1.0-7.el9.x86_64@appstream
#>install qemu-kvm-block-rbd-17:9.1.0-7.el9.x86_64@appstream
#>install qemu-kvm-common-17:9.1.0-7.el9.x86_64@appstream
#>install qemu-kvm-core-17:9.1.0-7.el9.x86_64@appstream
#>install qemu-kvm-device-display-virtio-gpu-17:9.1.0-7.el9.x86_64@appstream
#>install qemu-kvm-device-display-virtio-gpu-pci-17:9.1.0-7.el9.x86_64@appstream
#>install qemu-kvm-device-display-virtio-vga-17:9.1.0-7.el9.x86_64@appstream
#>install qemu-kvm-device-usb-host-17:9.1.0-7.el9.x86_64@appstream
#>install qemu-kvm-device-usb-redirect-17:9.1.0-7.el9.x86_64@appstream
#>install qemu-kvm-docs-17:9.1.0-7.el9.x86_64@appstream
#>install qemu-kvm-tools-17:9.1.0-7.el9.x86_64@appstream
#>install qemu-kvm-ui-egl-headless-17:9.1.0-7.el9.x86_64@appstream
#>install qemu-kvm-ui-opengl-17:9.1.0-7.el9.x86_64@appstream
#>install qemu-pr-helper-17:9.1.0-7.el9.x86_64@appstream
#>install seabios-bin-1.16.3-4.el9.noarch@appstream
#>install seavgabios-bin-1.16.3-4.el9.noarch@appstream
#>install usbredir-0.13.0-2.el9.x86_64@appstream
#>install virtiofsd-1.13.0-1.el9.x86_64@appstream
#>install xkeyboard-config-2.33-2.el9.noarch@appstream
nextjob
job install name ansible-core
result transaction,problems install-9.r
nextjob
job install name python3.11-devel
result transaction,problems <inline>
#>install python3.11-devel-3.11.11-1.el9.x86_64@appstream
#>upgrade libnsl2-1.3.0-4.el9.x86_64@system libnsl2-2.0.0-1.el9.x86_64@appstream
#>upgrade python3.11-3.11.10-1.el9.x86_64@system python3.11-3.11.11-1.el9.x86_64@appstream
#>upgrade python3.11-libs-3.11.10-1.el9.x86_64@system python3.11-libs-3.11.11-1.el9.x86_64@appstream
nextjob
job install name postgresql-server
job install name postgresql-contrib
result transaction,problems <inline>
#>install perl-AutoLoader-5.74-481.el9.noarch@appstream
#>install perl-B-1.80-481.el9.x86_64@appstream
#>install perl-Carp-1.50-460.el9.noarch@appstream
#>install perl-Class-Struct-0.66-481.el9.noarch@appstream
#>install perl-Data-Dumper-2.174-462.el9.x86_64@appstream
#>install perl-Digest-1.19-4.el9.noarch@appstream
#>install perl-Digest-MD5-2.58-4.el9.x86_64@appstream
#>install perl-Encode-4:3.08-462.el9.x86_64@appstream
#>install perl-Errno-1.30-481.el9.x86_64@appstream
#>install perl-Exporter-5.74-461.el9.noarch@appstream
#>install perl-Fcntl-1.13-481.el9.x86_64@appstream
#>install perl-File-Basename-2.85-481.el9.noarch@appstream
#>install perl-File-Path-2.18-4.el9.noarch@appstream
#>install perl-File-Temp-1:0.231.100-4.el9.noarch@appstream
#>install perl-File-stat-1.09-481.el9.noarch@appstream
#>install perl-FileHandle-2.03-481.el9.noarch@appstream
#>install perl-Getopt-Long-1:2.52-4.el9.noarch@appstream
#>install perl-Getopt-Std-1.12-481.el9.noarch@appstream
#>install perl-HTTP-Tiny-0.076-462.el9.noarch@appstream
#>install perl-IO-1.43-481.el9.x86_64@appstream
#>install perl-IO-Socket-IP-0.41-5.el9.noarch@appstream
#>install perl-IO-Socket-SSL-2.073-2.el9.noarch@appstream
#>install perl-IPC-Open3-1.21-481.el9.noarch@appstream
#>install perl-MIME-Base64-3.16-4.el9.x86_64@appstream
#>install perl-Mozilla-CA-20200520-6.el9.noarch@appstream
#>install perl-NDBM_File-1.15-481.el9.x86_64@appstream
#>install perl-Net-SSLeay-1.94-1.el9.x86_64@appstream
#>install perl-POSIX-1.94-481.el9.x86_64@appstream
#>install perl-PathTools-3.78-461.el9.x86_64@appstream
#>install perl-Pod-Escapes-1:1.07-460.el9.noarch@appstream
#>install perl-Pod-Perldoc-3.28.01-461.el9.noarch@appstream
#>install perl-Pod-Simple-1:3.42-4.el9.noarch@appstream
#>install perl-Pod-Usage-4:2.01-4.el9.noarch@appstream
#>install perl-Scalar-List-Utils-4:1.56-462.el9.x86_64@appstream
#>install perl-SelectSaver-1.02-481.el9.noarch@appstream
#>install perl-Socket-4:2.031-4.el9.x86_64@appstream
#>install perl-Storable-1:3.21-460.el9.x86_64@appstream
#>install perl-Symbol-1.08-481.el9.noarch@appstream
#>install perl-Term-ANSIColor-5.01-461.el9.noarch@appstream
#>install perl-Term-Cap-1.17-460.el9.noarch@appstream
#>install perl-Text-ParseWords-3.30-460.el9.noarch@appstream
#>install perl-Text-Tabs+Wrap-2013.0523-460.el9.noarch@appstream
#>install perl-Time-Local-2:1.300-7.el9.noarch@appstream
#>install perl-URI-5.09-3.el9.noarch@appstream
#>install perl-base-2.27-481.el9.noarch@appstream
#>install perl-constant-1.33-461.el9.noarch@appstream
#>install perl-if-0.60.800-481.el9.noarch@appstream
#>install perl-interpreter-4:5.32.1-481.el9.x86_64@appstream
#>install perl-libnet-3.13-4.el9.noarch@appstream
#>install perl-libs-4:5.32.1-481.el9.x86_64@appstream
#>install perl-mro-1.23-481.el9.x86_64@appstream
#>install perl-overload-1.31-481.el9.noarch@appstream
#>install perl-overloading-0.02-481.el9.noarch@appstream
#>install perl-parent-1:0.238-460.el9.noarch@appstream
#>install perl-podlators-1:4.14-460.el9.noarch@appstream
#>install perl-subs-1.03-481.el9.noarch@appstream
#>install perl-vars-1.05-481.el9.noarch@appstream
#>install postgresql-contrib-13.10-1.el9.x86_64@appstream
#>install uuid-1.6.2-55.el9.x86_64@appstream
nextjob
job install name httpd
job install name mod_ssl
result transaction,problems <inline>
#>problem 587907fd info package mod_ssl-1:2.4.57-3.el9.x86_64 conflicts with openssl-libs < 1:1.0.1h-4 provided by universe-stub-1-1.noarch
#>problem 587907fd solution 5fd4adf7 deljob install name mod_ssl
nextjob
job install provides webserver
result transaction,problems <inline>
nextjob
job install provides perl(JSON::PP)
result transaction,problems <inline>
#>install perl-AutoLoader-5.74-481.el9.noarch@appstream
#>install perl-B-1.80-481.el9.x86_64@appstream
#>install perl-Carp-1.50-460.el9.noarch@appstream
#>install perl-Class-Struct-0.66-481.el9.noarch@appstream
#>install perl-Data-Dumper-2.174-462.el9.x86_64@appstream
#>install perl-Digest-1.19-4.el9.noarch@appstream
#>install perl-Digest-MD5-2.58-4.el9.x86_64@appstream
#>install perl-Encode-4:3.08-462.el9.x86_64@appstream
#>install perl-Errno-1.30-481.el9.x86_64@appstream
#>install perl-Exporter-5.74-461.el9.noarch@appstream
#>install perl-Fcntl-1.13-481.el9.x86_64@appstream
#>install perl-File-Basename-2.85-481.el9.noarch@appstream
#>install perl-File-Path-2.18-4.el9.noarch@appstream
#>install perl-File-Temp-1:0.231.100-4.el9.noarch@appstream
#>install perl-File-stat-1.09-481.el9.noarch@appstream
#>install perl-FileHandle-2.03-481.el9.noarch@appstream
#>install perl-Getopt-Long-1:2.52-4.el9.noarch@appstream
#>install perl-Getopt-Std-1.12-481.el9.noarch@appstream
#>install perl-HTTP-Tiny-0.076-462.el9.noarch@appstream
#>install perl-IO-1.43-481.el9.x86_64@appstream
#>install perl-IO-Socket-IP-0.41-5.el9.noarch@appstream
#>install perl-IO-Socket-SSL-2.073-2.el9.noarch@appstream
#>install perl-IPC-Open3-1.21-481.el9.noarch@appstream
#>install perl-JSON-PP-1:4.06-4.el9.noarch@appstream
#>install perl-MIME-Base64-3.16-4.el9.x86_64@appstream
#>install perl-Math-BigInt-1:1.9998.18-460.el9.noarch@appstream
#>install perl-Math-Complex-1.59-481.el9.noarch@appstream
#>install perl-Mozilla-CA-20200520-6.el9.noarch@appstream
#>install perl-NDBM_File-1.15-481.el9.x86_64@appstream
#>install perl-Net-SSLeay-1.94-1.el9.x86_64@appstream
#>install perl-POSIX-1.94-481.el9.x86_64@appstream
#>install perl-PathTools-3.78-461.el9.x86_64@appstream
#>install perl-Pod-Escapes-1:1.07-460.el9.noarch@appstream
#>install perl-Pod-Perldoc-3.28.01-461.el9.noarch@appstream
#>install perl-Pod-Simple-1:3.42-4.el9.noarch@appstream
#>install perl-Pod-Usage-4:2.01-4.el9.noarch@appstream
#>install perl-Scalar-List-Utils-4:1.56-462.el9.x86_64@appstream
#>install perl-SelectSaver-1.02-481.el9.noarch@appstream
#>install perl-Socket-4:2.031-4.el9.x86_64@appstream
#>install perl-Storable-1:3.21-460.el9.x86_64@appstream
#>install perl-Symbol-1.08-481.el9.noarch@appstream
#>install perl-Term-ANSIColor-5.01-461.el9.noarch@appstream
#>install perl-Term-Cap-1.17-460.el9.noarch@appstream
#>install perl-Text-ParseWords-3.30-460.el9.noarch@appstream
#>install perl-Text-Tabs+Wrap-2013.0523-460.el9.noarch@appstream
#>install perl-Time-Local-2:1.300-7.el9.noarch@appstream
#>install perl-URI-5.09-3.el9.noarch@appstream
#>install perl-base-2.27-481.el9.noarch@appstream
#>install perl-constant-1.33-461.el9.noarch@appstream
#>install perl-if-0.60.800-481.el9.noarch@appstream
#>install perl-interpreter-4:5.32.1-481.el9.x86_64@appstream
#>install perl-libnet-3.13-4.el9.noarch@appstream
#>install perl-libs-4:5.32.1-481.el9.x86_64@appstream
#>install perl-mro-1.23-481.el9.x86_64@appstream
#>install perl-overload-1.31-481.el9.noarch@appstream
#>install perl-overloading-0.02-481.el9.noarch@appstream
#>install perl-parent-1:0.238-460.el9.noarch@appstream
#>install perl-podlators-1:4.14-460.el9.noarch@appstream
#>install perl-subs-1.03-481.el9.noarch@appstream
#>install perl-vars-1.05-481.el9.noarch@appstream
nextjob
job install name nginx [forcebest]
result transaction,problems <inline>
#>upgrade nginx-1:1.20.1-13.el9.x86_64@system nginx-2:1.20.1-20.el9.x86_64@appstream
#>upgrade nginx-core-1:1.20.1-13.el9.x86_64@system nginx-core-2:1.20.1-20.el9.x86_64@appstream
#>upgrade nginx-filesystem-1:1.20.1-13.el9.noarch@system nginx-filesystem-2:1.20.1-20.el9.noarch@appstream
nextjob
job install name nginx [weak]
result transaction,problems <inline>
nextjob
job install name git
job install name vim-enhanced
job install name tmux
result transaction,problems <inline>
#>install emacs-filesystem-1:27.2-10.el9.noarch@appstream
#>install git-2.47.1-1.el9.x86_64@appstream
#>install git-core-2.47.1-1.el9.x86_64@appstream
#>install git-core-doc-2.47.1-1.el9.noarch@appstream
#>install perl-AutoLoader-5.74-481.el9.noarch@appstream
#>install perl-B-1.80-481.el9.x86_64@appstream
#>install perl-Carp-1.50-460.el9.noarch@appstream
#>install perl-Class-Struct-0.66-481.el9.noarch@appstream
#>install perl-Data-Dumper-2.174-462.el9.x86_64@appstream
#>install perl-Digest-1.19-4.el9.noarch@appstream
#>install perl-Digest-MD5-2.58-4.el9.x86_64@appstream
#>install perl-DynaLoader-1.47-481.el9.x86_64@appstream
#>install perl-Encode-4:3.08-462.el9.x86_64@appstream
#>install perl-Errno-1.30-481.el9.x86_64@appstream
#>install perl-Error-1:0.17029-7.el9.noarch@appstream
#>install perl-Exporter-5.74-461.el9.noarch@appstream
#>install perl-Fcntl-1.13-481.el9.x86_64@appstream
#>install perl-File-Basename-2.85-481.el9.noarch@appstream
#>install perl-File-Find-1.37-481.el9.noarch@appstream
#>install perl-File-Path-2.18-4.el9.noarch@appstream
#>install perl-File-Temp-1:0.231.100-4.el9.noarch@appstream
#>install perl-File-stat-1.09-481.el9.noarch@appstream
#>install perl-FileHandle-2.03-481.el9.noarch@appstream
#>install perl-Getopt-Long-1:2.52-4.el9.noarch@appstream
#>install perl-Getopt-Std-1.12-481.el9.noarch@appstream
#>install perl-Git-2.47.1-1.el9.noarch@appstream
#>install perl-HTTP-Tiny-0.076-462.el9.noarch@appstream
#>install perl-IO-1.43-481.el9.x86_64@appstream
#>install perl-IO-Socket-IP-0.41-5.el9.noarch@appstream
#>install perl-IO-Socket-SSL-2.073-2.el9.noarch@appstream
#>install perl-IPC-Open3-1.21-481.el9.noarch@appstream
#>install perl-MIME-Base64-3.16-4.el9.x86_64@appstream
#>install perl-Mozilla-CA-20200520-6.el9.noarch@appstream
#>install perl-NDBM_File-1.15-481.el9.x86_64@appstream
#>install perl-Net-SSLeay-1.94-1.el9.x86_64@appstream
#>install perl-POSIX-1.94-481.el9.x86_64@appstream
#>install perl-PathTools-3.78-461.el9.x86_64@appstream
#>install perl-Pod-Escapes-1:1.07-460.el9.noarch@appstream
#>install perl-Pod-Perldoc-3.28.01-461.el9.noarch@appstream
#>install perl-Pod-Simple-1:3.42-4.el9.noarch@appstream
#>install perl-Pod-Usage-4:2.01-4.el9.noarch@appstream
#>install perl-Scalar-List-Utils-4:1.56-462.el9.x86_64@appstream
#>install perl-SelectSaver-1.02-481.el9.noarch@appstream
#>install perl-Socket-4:2.031-4.el9.x86_64@appstream
#>install perl-Storable-1:3.21-460.el9.x86_64@appstream
#>install perl-Symbol-1.08-481.el9.noarch@appstream
#>install perl-Term-ANSIColor-5.01-461.el9.noarch@appstream
#>install perl-Term-Cap-1.17-460.el9.noarch@appstream
#>install perl-TermReadKey-2.38-11.el9.x86_64@appstream
#>install perl-Text-ParseWords-3.30-460.el9.noarch@appstream
#>install perl-Text-Tabs+Wrap-2013.0523-460.el9.noarch@appstream
#>install perl-Time-Local-2:1.300-7.el9.noarch@appstream
#>install perl-URI-5.09-3.el9.noarch@appstream
#>install perl-base-2.27-481.el9.noarch@appstream
#>install perl-constant-1.33-461.el9.noarch@appstream
#>install perl-if-0.60.800-481.el9.noarch@appstream
#>install perl-interpreter-4:5.32.1-481.el9.x86_64@appstream
#>install perl-lib-0.65-481.el9.x86_64@appstream
#>install perl-libnet-3.13-4.el9.noarch@appstream
#>install perl-libs-4:5.32.1-481.el9.x86_64@appstream
#>install perl-mro-1.23-481.el9.x86_64@appstream
#>install perl-overload-1.31-481.el9.noarch@appstream
#>install perl-overloading-0.02-481.el9.noarch@appstream
#>install perl-parent-1:0.238-460.el9.noarch@appstream
#>install perl-podlators-1:4.14-460.el9.noarch@appstream
#>install perl-subs-1.03-481.el9.noarch@appstream
#>install perl-vars-1.05-481.el9.noarch@appstream
#>problem 43ee5f71 info package vim-common-2:8.2.2637-14.el9.x86_64 conflicts with vim-minimal < 2:8.1.1-1 provided by universe-stub-1-1.noarch
#>problem 43ee5f71 solution b644e1c9 deljob install name vim-enhanced
#>problem c43b1300 info package tmux does not exist
#>problem c43b1300 solution 6eaf8962 deljob install name tmux
nextjob
job install name java-17-openjdk-devel
result transaction,problems <inline>
#>problem 91fdc229 info nothing provides lua(abi) = 5.4 needed by lua-posix-35.0-5.el9.x86_64
#>problem 91fdc229 solution 0819973c deljob install name java-17-openjdk-devel
nextjob
job install name maven
result transaction,problems <inline>
#>problem cddd84e4 info package maven-1:3.6.3-22.el9.noarch requires maven-jdk-binding, but none of the providers can be installed
#>problem cddd84e4 solution aecdb07f deljob install name maven
nextjob
job install name buildah
job install name skopeo
result transaction,problems <inline>
#>install aardvark-dns-2:1.13.1-1.el9.x86_64@appstream
#>install buildah-2:1.37.5-1.el9.x86_64@appstream
#>install container-selinux-3:2.234.2-1.el9.noarch@appstream
#>install containers-common-2:1-110.el9.x86_64@appstream
#>install criu-3.19-1.el9.x86_64@appstream
#>install criu-libs-3.19-1.el9.x86_64@appstream
#>install crun-1.19.1-1.el9.x86_64@appstream
#>install fuse-overlayfs-1.14-1.el9.x86_64@appstream
#>install fuse3-3.10.2-9.el9.x86_64@appstream
#>install fuse3-libs-3.10.2-9.el9.x86_64@appstream
#>install libnet-1.2-7.el9.x86_64@appstream
#>install libslirp-4.4.0-8.el9.x86_64@appstream
#>install netavark-2:1.13.1-1.el9.x86_64@appstream
#>install protobuf-c-1.3.3-9.el9.x86_64@appstream
#>install skopeo-2:1.17.0-1.el9.x86_64@appstream
#>install slirp4netns-1.3.1-1.el9.x86_64@appstream
#>install yajl-2.1.0-22.el9.x86_64@appstream
