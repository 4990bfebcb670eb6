repo system 0 testtags system.repo.xz
repo appstream 99 testtags appstream.repo.gz
repo stub 99 testtags stub.repo.gz
system x86_64 rpm system
job install name dotnet-sdk-9.0
result transaction,problems <inline>
#>install aspnetcore-runtime-9.0-9.0.0-3.el9.x86_64@appstream
#>install aspnetcore-targeting-pack-9.0-9.0.0-3.el9.x86_64@appstream
#>install dotnet-apphost-pack-9.0-9.0.0-3.el9.x86_64@appstream
#>install dotnet-host-9.0.0-3.el9.x86_64@appstream
#>install dotnet-hostfxr-9.0-9.0.0-3.el9.x86_64@appstream
#>install dotnet-runtime-9.0-9.0.0-3.el9.x86_64@appstream
#>install dotnet-sdk-9.0-9.0.101-3.el9.x86_64@appstream
#>install dotnet-targeting-pack-9.0-9.0.0-3.el9.x86_64@appstream
#>install dotnet-templates-9.0-9.0.101-3.el9.x86_64@appstream
#>install netstandard-targeting-pack-2.1-9.0.101-3.el9.x86_64@appstream
nextjob
job install provides dotnet-sdk-9.0 < 9.0.100
result transaction,problems <inline>
#>install aspnetcore-runtime-9.0-9.0.0-3.el9.x86_64@appstream
#>install aspnetcore-targeting-pack-9.0-9.0.0-3.el9.x86_64@appstream
#>install dotnet-apphost-pack-9.0-9.0.0-3.el9.x86_64@appstream
#>install dotnet-host-9.0.0-3.el9.x86_64@appstream
#>install dotnet-hostfxr-9.0-9.0.0-3.el9.x86_64@appstream
#>install dotnet-runtime-9.0-9.0.0-3.el9.x86_64@appstream
#>install dotnet-sdk-9.0-9.0.100~preview.7.24407.1-0.2.el9.x86_64@appstream
#>install dotnet-targeting-pack-9.0-9.0.0-3.el9.x86_64@appstream
#>install dotnet-templates-9.0-9.0.101-3.el9.x86_64@appstream
#>install netstandard-targeting-pack-2.1-9.0.101-3.el9.x86_64@appstream
nextjob
job install provides passt > 0^20240624
result transaction,problems <inline>
#>install passt-0^20241121.g238c69f-1.el9.x86_64@appstream
#>install passt-selinux-0^20241121.g238c69f-1.el9.noarch@appstream
nextjob
job install name passt
result transaction,problems <inline>
#>install passt-0^20241121.g238c69f-1.el9.x86_64@appstream
#>install passt-selinux-0^20241121.g238c69f-1.el9.noarch@appstream
nextjob
job install provides java-21-openjdk-headless < 1:21
result transaction,problems <inline>
#>problem 417b780a info nothing provides lua(abi) = 5.4 needed by lua-posix-35.0-5.el9.x86_64
#>problem 417b780a solution c70aa66a deljob install provides java-21-openjdk-headless < 1:21
nextjob
job install provides java-17-openjdk-headless >= 1:17.0.11
result transaction,problems <inline>
#>problem 7a8e799f info nothing provides lua(abi) = 5.4 needed by lua-posix-35.0-5.el9.x86_64
#>problem 7a8e799f solution 87f656d7 deljob install provides java-17-openjdk-headless >= 1:17.0.11
nextjob
job install provides python3-numpy < 1:1.23
result transaction,problems <inline>
#>problem a67c2a2d info nothing provides python(abi) = 3.9 needed by python3-numpy-1:1.20.1-4.el9.x86_64
#>problem a67c2a2d solution b7735a28 deljob install provides python3-numpy < 1:1.23
nextjob
job install name java-17-openjdk-headless
job install name java-21-openjdk-headless
result transaction,problems <inline>
#>problem 46d52bfa info nothing provides lua(abi) = 5.4 needed by lua-posix-35.0-5.el9.x86_64
#>problem 46d52bfa solution b25e88d5 deljob install name java-21-openjdk-headless
#>problem 4a205702 info nothing provides lua(abi) = 5.4 needed by lua-posix-35.0-5.el9.x86_64
#>problem 4a205702 solution ea55f86d deljob install name java-17-openjdk-headless
nextjob
job install provides dotnet-host
result transaction,problems <inline>
#>install dotnet-host-9.0.0-3.el9.x86_64@appstream
