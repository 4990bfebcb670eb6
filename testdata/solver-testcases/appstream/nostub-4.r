install python3.11-devel-3.11.11-1.el9.x86_64@appstream
upgrade libnsl2-1.3.0-4.el9.x86_64@system libnsl2-2.0.0-1.el9.x86_64@appstream
upgrade python3.11-3.11.10-1.el9.x86_64@system python3.11-3.11.11-1.el9.x86_64@appstream
upgrade python3.11-libs-3.11.10-1.el9.x86_64@system python3.11-libs-3.11.11-1.el9.x86_64@appstream
