repo available 0 testtags avail.repo.lzma
system x86_64 rpm
job install name A
result transaction,problems <inline>
#>install A-1-1.noarch@available
#>install B-1-1.noarch@available
