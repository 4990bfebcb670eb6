package universe

// LoadAppStream is loadAppStream for the external tests (package universe_test), which
// import testcase and so cannot live in package universe: testcase imports universe.
var LoadAppStream = loadAppStream
