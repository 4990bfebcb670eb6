problem de42414e info conflicting requests
problem de42414e solution 7d1e8f0d deljob lock name perl-DBI
problem de42414e solution 7d1e8f0d erase mariadb-server-utils-3:10.11.10-1.module_el9+1141+de86b509.x86_64@system
problem de42414e solution 7d1e8f0d erase perl-DBD-MariaDB-1.21-15.el9.x86_64@system
problem de42414e solution fd8d369e deljob erase name perl-DBI
