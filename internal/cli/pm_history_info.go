package cli

import (
	"fmt"
	"io"
	"os/user"
	"strconv"
	"strings"

	"github.com/nimbus-linux/nimbus/internal/history"
)

// printHistoryInfo is dnf 4.14's `history info ID` (output.py _historyInfoCmd): times in
// the C locale's %c, the rpmdb versions when recorded, the user, and the packages with
// their action and repository columns aligned.
func printHistoryInfo(w io.Writer, t *history.Transaction) {
	const c = "Mon Jan _2 15:04:05 2006" // strftime %c in the C locale
	fmt.Fprintln(w, "Transaction ID :", t.ID)
	fmt.Fprintln(w, "Begin time     :", t.Begin.Format(c))
	if t.RPMDBBegin != "" {
		fmt.Fprintln(w, "Begin rpmdb    :", t.RPMDBBegin)
	}
	fmt.Fprintln(w, "End time       :", t.End.Format(c), elapsed(int64(t.End.Sub(t.Begin).Seconds())))
	if t.RPMDBEnd != "" {
		fmt.Fprintln(w, "End rpmdb      :", t.RPMDBEnd)
	}
	fmt.Fprintln(w, "User           :", uiUser(t.UID))
	fmt.Fprintln(w, "Return-Code    :", rcWord(t.RC))
	fmt.Fprintln(w, "Releasever     :", t.Releasever)
	fmt.Fprintln(w, "Command Line   :", t.Cmdline)
	fmt.Fprintln(w, "Comment        :", t.Comment)
	fmt.Fprintln(w, "Packages Altered:")
	actW, pkgW := 0, 0
	for _, it := range t.Items {
		actW, pkgW = max(actW, len(it.Action)), max(pkgW, len(it.NEVRA))
	}
	prefix := "    "
	if t.RC != 0 {
		prefix = " ** "
	}
	for _, it := range t.Items {
		repo := ""
		if it.Repo != "" {
			repo = "@" + it.Repo
		}
		fmt.Fprintf(w, "%s%-*s %-*s %s\n", prefix, actW, it.Action, pkgW, it.NEVRA, repo)
	}
}

// elapsed is dnf's "(N seconds|minutes|hours|days)" after the end time.
func elapsed(d int64) string {
	switch {
	case d < 5*60:
		return fmt.Sprintf("(%d seconds)", d)
	case d < 5*60*60:
		return fmt.Sprintf("(%d minutes)", d/60)
	case d < 5*60*60*24:
		return fmt.Sprintf("(%d hours)", d/3600)
	}
	return fmt.Sprintf("(%d days)", d/86400)
}

// uiUser is dnf's _pwd_ui_username: "System <unset>" for an unset login uid, else
// "Full Name <login>" from the password database, else the number.
func uiUser(uid int) string {
	if uid < 0 || uid == 0xFFFFFFFF || uid == 0xFFFF {
		return "System <unset>"
	}
	u, err := user.LookupId(strconv.Itoa(uid))
	if err != nil {
		return strconv.Itoa(uid)
	}
	name, _, _ := strings.Cut(u.Name, ";")
	return fmt.Sprintf("%s <%s>", name, u.Username)
}
