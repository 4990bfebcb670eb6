upgrade postgresql-13.10-1.el9.x86_64@system postgresql-16.6-1.module_el9+1137+39dc736e.x86_64@appstream
upgrade postgresql-private-libs-13.10-1.el9.x86_64@system postgresql-private-libs-16.6-1.module_el9+1137+39dc736e.x86_64@appstream
upgrade postgresql-server-13.10-1.el9.x86_64@system postgresql-server-16.6-1.module_el9+1137+39dc736e.x86_64@appstream
