upgrade nginx-1:1.20.1-13.el9.x86_64@system nginx-2:1.20.1-20.el9.x86_64@appstream
upgrade nginx-core-1:1.20.1-13.el9.x86_64@system nginx-core-2:1.20.1-20.el9.x86_64@appstream
upgrade nginx-filesystem-1:1.20.1-13.el9.noarch@system nginx-filesystem-2:1.20.1-20.el9.noarch@appstream
