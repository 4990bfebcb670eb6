upgrade nginx-1.22.1-9+deb12u9~old.amd64@system nginx-1.22.1-9+deb12u9.amd64@bookworm
upgrade nginx-common-1.22.1-9+deb12u9~old.all@system nginx-common-1.22.1-9+deb12u9.all@bookworm
