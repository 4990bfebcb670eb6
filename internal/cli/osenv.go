package cli

import "os"

func osGetenv(k string) string { return os.Getenv(k) }

// isTerminal reports whether w is a character device (a terminal): progress bars go there,
// quiet logs everywhere else.
func isTerminal(w any) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
