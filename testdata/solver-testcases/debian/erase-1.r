erase nginx-1.22.1-9+deb12u9~old.amd64@system
