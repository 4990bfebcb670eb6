repo system 0 testtags system.repo.xz
repo appstream 99 testtags appstream.repo.gz
repo stub 99 testtags stub.repo.gz
system x86_64 rpm system
job install name SDL2 . i686
result transaction,problems <inline>
#>install SDL2-2.26.0-1.el9.i686@appstream
nextjob
job install name gtk3 . i686
result transaction,problems <inline>
#>problem a27fd67d info package gtk3-3.24.30-3.el9.i686 requires libatk-bridge-2.0.so.0, but none of the providers can be installed
#>problem a27fd67d solution 7060d072 deljob install name gtk3 . i686
#>problem a27fd67d solution b636b77e deljob install name gtk3 . i686
nextjob
job install name glibc-devel . i686
job install name glibc-devel . x86_64
result transaction,problems <inline>
#>problem 7557b1f6 info nothing provides glibc = 2.34-140.el9 needed by glibc-devel-2.34-140.el9.i686
#>problem 7557b1f6 solution c55dfa79 deljob install name glibc-devel . i686
#>problem 89e3b6ef info nothing provides glibc = 2.34-140.el9 needed by glibc-devel-2.34-140.el9.x86_64
#>problem 89e3b6ef solution 3fe4e7fb deljob install name glibc-devel . x86_64
nextjob
job install name libstdc++-devel . i686
result transaction,problems <inline>
#>problem 6f12059c info nothing provides libstdc++(x86-32) = 11.4.1-2.1.el9 needed by libstdc++-devel-11.4.1-2.1.el9.i686
#>problem 6f12059c solution 3bdf7d40 deljob install name libstdc++-devel . i686
nextjob
job install name zlib-devel
result transaction,problems <inline>
#>problem a1e6e4ff info nothing provides zlib(x86-32) = 1.2.11-35.el9 needed by zlib-devel-1.2.11-35.el9.i686
#>problem a1e6e4ff solution 7a0c5306 deljob install name zlib-devel
nextjob
job install provides libz.so.1
result transaction,problems <inline>
nextjob
job install name mesa-libGL . i686
job install name mesa-libGL . x86_64
result transaction,problems <inline>
#>install libX11-1.7.0-11.el9.x86_64@appstream
#>install libX11-common-1.7.0-11.el9.noarch@appstream
#>install libX11-xcb-1.7.0-11.el9.x86_64@appstream
#>install libXau-1.0.9-8.el9.x86_64@appstream
#>install libXext-1.3.4-8.el9.x86_64@appstream
#>install libXfixes-5.0.3-16.el9.x86_64@appstream
#>install libXxf86vm-1.1.4-18.el9.x86_64@appstream
#>install libdrm-2.4.121-1.el9.x86_64@appstream
#>install libglvnd-1:1.3.4-1.el9.x86_64@appstream
#>install libglvnd-glx-1:1.3.4-1.el9.x86_64@appstream
#>install libxcb-1.13.1-9.el9.x86_64@appstream
#>install libxshmfence-1.3-10.el9.x86_64@appstream
#>install llvm-libs-19.1.5-2.el9.x86_64@appstream
#>install mesa-dri-drivers-24.1.2-3.el9.x86_64@appstream
#>install mesa-filesystem-24.1.2-3.el9.x86_64@appstream
#>install mesa-libGL-24.1.2-3.el9.x86_64@appstream
#>install mesa-libglapi-24.1.2-3.el9.x86_64@appstream
#>problem 2dc525f0 info package mesa-libGL-23.3.3-1.el9.i686 requires libX11.so.6, but none of the providers can be installed
#>problem 2dc525f0 solution af4db96f deljob install name mesa-libGL . i686
#>problem 2dc525f0 solution c7f5a20e allow libX11-1.7.0-11.el9.i686@appstream
#>problem 2dc525f0 solution c7f5a20e allow libX11-xcb-1.7.0-11.el9.i686@appstream
#>problem 2dc525f0 solution c7f5a20e allow libXau-1.0.9-8.el9.i686@appstream
#>problem 2dc525f0 solution c7f5a20e allow libXext-1.3.4-8.el9.i686@appstream
#>problem 2dc525f0 solution c7f5a20e allow libXfixes-5.0.3-16.el9.i686@appstream
#>problem 2dc525f0 solution c7f5a20e allow libXxf86vm-1.1.4-18.el9.i686@appstream
#>problem 2dc525f0 solution c7f5a20e allow libdrm-2.4.121-1.el9.i686@appstream
#>problem 2dc525f0 solution c7f5a20e allow libglvnd-1:1.3.4-1.el9.i686@appstream
#>problem 2dc525f0 solution c7f5a20e allow libglvnd-glx-1:1.3.4-1.el9.i686@appstream
#>problem 2dc525f0 solution c7f5a20e allow libxcb-1.13.1-9.el9.i686@appstream
#>problem 2dc525f0 solution c7f5a20e allow libxshmfence-1.3-10.el9.i686@appstream
#>problem 2dc525f0 solution c7f5a20e allow mesa-libglapi-24.1.2-3.el9.i686@appstream
#>problem 2dc525f0 solution c7f5a20e deljob install name mesa-libGL . x86_64
nextjob
job install name boost-numpy3 . i686
result transaction,problems <inline>
#>problem 98821378 info package boost-numpy3-1.75.0-6.el9.i686 requires python3-numpy, but none of the providers can be installed
#>problem 98821378 solution 381c607b deljob install name boost-numpy3 . i686
nextjob
job erase name glibc-devel . i686
result transaction,problems <inline>
nextjob
job update name gtk3 . i686
result transaction,problems <inline>
