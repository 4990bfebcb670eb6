problem 45a2b458 info package nginx-light-1.22.1-9+deb12u9.all requires nginx << 1.22.1-9+deb12u9.1~, but none of the providers can be installed
problem 45a2b458 solution 282ae96d deljob install name nginx-light
problem 45a2b458 solution 4bf8375c deljob erase name nginx [cleandeps]
