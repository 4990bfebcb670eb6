package history

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// dnf records installed comps groups and environments in its swdb too: an item per
// record (comps_group with its comps_group_package list, comps_environment with its
// comps_environment_group list), each record a trans_item of its transaction (action
// install, upgrade or removed; repo ""). A group is installed when its latest record in a
// successful transaction is not a removal (libdnf's getCompsGroupItem).

// CompsGroup is a comps group as the swdb records it.
type CompsGroup struct {
	ID, Name, TranslatedName string
	PkgTypes                 int // libdnf's CompsPackageType bits (comps.PkgType)
	Packages                 []CompsPackage
}

// CompsPackage is one package of a recorded group.
type CompsPackage struct {
	Name      string
	Installed bool
	Type      int
}

// CompsEnv is a comps environment as the swdb records it.
type CompsEnv struct {
	ID, Name, TranslatedName string
	PkgTypes                 int
	Groups                   []CompsEnvGroup
}

// CompsEnvGroup is one group of a recorded environment.
type CompsEnvGroup struct {
	ID        string
	Installed bool
	Type      int // comps.Mandatory or comps.Optional
}

// CompsItem is a group or environment change of a transaction (Install, Upgrade or
// Removed; dnf records the reason user).
type CompsItem struct {
	Action Action
	Group  *CompsGroup
	Env    *CompsEnv
}

// writeComps adds a transaction's group and environment records to the swdb.
func writeComps(ctx context.Context, tx *sql.Tx, tid int64, state int, items []CompsItem) error {
	if len(items) == 0 {
		return nil
	}
	var repo int64
	err := tx.QueryRowContext(ctx, "SELECT id FROM repo WHERE repoid = ''").Scan(&repo)
	if errors.Is(err, sql.ErrNoRows) {
		r, err := tx.ExecContext(ctx, "INSERT INTO repo (repoid) VALUES ('')")
		if err != nil {
			return err
		}
		if repo, err = r.LastInsertId(); err != nil {
			return err
		}
	} else if err != nil {
		return err
	}
	for _, it := range items {
		r, err := tx.ExecContext(ctx, "INSERT INTO item (item_type) VALUES (0)")
		if err != nil {
			return err
		}
		item, err := r.LastInsertId()
		if err != nil {
			return err
		}
		switch {
		case it.Group != nil:
			g := it.Group
			if _, err := tx.ExecContext(ctx, "INSERT INTO comps_group (item_id, groupid, name, translated_name, pkg_types) VALUES (?, ?, ?, ?, ?)",
				item, g.ID, g.Name, g.TranslatedName, g.PkgTypes); err != nil {
				return err
			}
			for _, p := range g.Packages {
				if _, err := tx.ExecContext(ctx, "INSERT OR IGNORE INTO comps_group_package (group_id, name, installed, pkg_type) VALUES (?, ?, ?, ?)",
					item, p.Name, p.Installed, p.Type); err != nil {
					return err
				}
			}
		case it.Env != nil:
			e := it.Env
			if _, err := tx.ExecContext(ctx, "INSERT INTO comps_environment (item_id, environmentid, name, translated_name, pkg_types) VALUES (?, ?, ?, ?, ?)",
				item, e.ID, e.Name, e.TranslatedName, e.PkgTypes); err != nil {
				return err
			}
			for _, g := range e.Groups {
				if _, err := tx.ExecContext(ctx, "INSERT OR IGNORE INTO comps_environment_group (environment_id, groupid, installed, group_type) VALUES (?, ?, ?, ?)",
					item, g.ID, g.Installed, g.Type); err != nil {
					return err
				}
			}
		default:
			return errors.New("dnf history: a comps item without group or environment")
		}
		if _, err := tx.ExecContext(ctx, "INSERT INTO trans_item (trans_id, item_id, repo_id, action, reason, state) VALUES (?, ?, ?, ?, ?, ?)",
			tid, item, repo, swdbActions.Get()[it.Action], swdbReasons.Get()[User], state); err != nil {
			return err
		}
	}
	return nil
}

// SwdbComps reads the installed groups and environments of root's swdb, by id.
func SwdbComps(ctx context.Context, root string) (map[string]*CompsGroup, map[string]*CompsEnv, error) {
	groups, envs := map[string]*CompsGroup{}, map[string]*CompsEnv{}
	db, err := openSwdb(root, false)
	if err != nil || db == nil {
		return groups, envs, err
	}
	defer db.Close()
	latest := func(q string, each func(item int64, id, name, tname string, types int) error) error {
		rows, err := db.QueryContext(ctx, q)
		if err != nil {
			return fmt.Errorf("dnf history: %w", err)
		}
		type rec struct {
			item            int64
			id, name, tname string
			types, action   int
		}
		last := map[string]rec{}
		var order []string
		for rows.Next() {
			var r rec
			if err := rows.Scan(&r.item, &r.id, &r.name, &r.tname, &r.types, &r.action); err != nil {
				rows.Close()
				return fmt.Errorf("dnf history: %w", err)
			}
			if _, ok := last[r.id]; !ok {
				order = append(order, r.id)
			}
			last[r.id] = r
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("dnf history: %w", err)
		}
		for _, id := range order {
			if r := last[id]; r.action != swdbActions.Get()[Removed] {
				if err := each(r.item, r.id, r.name, r.tname, r.types); err != nil {
					return err
				}
			}
		}
		return nil
	}
	err = latest(`SELECT g.item_id, g.groupid, g.name, g.translated_name, g.pkg_types, ti.action FROM trans_item ti
		JOIN comps_group g USING (item_id) JOIN trans t ON ti.trans_id = t.id
		WHERE t.state = 1 ORDER BY ti.trans_id, ti.id`, func(item int64, id, name, tname string, types int) error {
		g := &CompsGroup{ID: id, Name: name, TranslatedName: tname, PkgTypes: types}
		rows, err := db.QueryContext(ctx, "SELECT name, installed, pkg_type FROM comps_group_package WHERE group_id = ? ORDER BY id", item)
		if err != nil {
			return fmt.Errorf("dnf history: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var p CompsPackage
			if err := rows.Scan(&p.Name, &p.Installed, &p.Type); err != nil {
				return fmt.Errorf("dnf history: %w", err)
			}
			g.Packages = append(g.Packages, p)
		}
		groups[id] = g
		return rows.Err()
	})
	if err != nil {
		return nil, nil, err
	}
	err = latest(`SELECT e.item_id, e.environmentid, e.name, e.translated_name, e.pkg_types, ti.action FROM trans_item ti
		JOIN comps_environment e USING (item_id) JOIN trans t ON ti.trans_id = t.id
		WHERE t.state = 1 ORDER BY ti.trans_id, ti.id`, func(item int64, id, name, tname string, types int) error {
		e := &CompsEnv{ID: id, Name: name, TranslatedName: tname, PkgTypes: types}
		rows, err := db.QueryContext(ctx, "SELECT groupid, installed, group_type FROM comps_environment_group WHERE environment_id = ? ORDER BY id", item)
		if err != nil {
			return fmt.Errorf("dnf history: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var g CompsEnvGroup
			if err := rows.Scan(&g.ID, &g.Installed, &g.Type); err != nil {
				return fmt.Errorf("dnf history: %w", err)
			}
			e.Groups = append(e.Groups, g)
		}
		envs[id] = e
		return rows.Err()
	})
	if err != nil {
		return nil, nil, err
	}
	return groups, envs, nil
}

// SwdbTransComps reads the group and environment records of transaction tid of root's
// swdb with their package and group lists (`history store` writes them as dnf does).
func SwdbTransComps(ctx context.Context, root string, tid int64) ([]CompsItem, error) {
	db, err := openSwdb(root, false)
	if err != nil || db == nil {
		return nil, err
	}
	defer db.Close()
	rows, err := db.QueryContext(ctx, `SELECT ti.item_id, ti.action, g.item_id IS NOT NULL,
		coalesce(g.groupid, e.environmentid, ''), coalesce(g.name, e.name, ''),
		coalesce(g.translated_name, e.translated_name, ''), coalesce(g.pkg_types, e.pkg_types, 0)
		FROM trans_item ti LEFT JOIN comps_group g ON g.item_id = ti.item_id
		LEFT JOIN comps_environment e ON e.item_id = ti.item_id
		WHERE ti.trans_id = ? AND (g.item_id IS NOT NULL OR e.item_id IS NOT NULL) ORDER BY ti.id`, tid)
	if err != nil {
		return nil, fmt.Errorf("dnf history: %w", err)
	}
	type rec struct {
		item    int64
		item0   CompsItem
		isGroup bool
	}
	var recs []rec
	for rows.Next() {
		var r rec
		var action, types int
		var id, name, tname string
		if err := rows.Scan(&r.item, &action, &r.isGroup, &id, &name, &tname, &types); err != nil {
			rows.Close()
			return nil, fmt.Errorf("dnf history: %w", err)
		}
		r.item0.Action = actionOfCode(action)
		if r.isGroup {
			r.item0.Group = &CompsGroup{ID: id, Name: name, TranslatedName: tname, PkgTypes: types}
		} else {
			r.item0.Env = &CompsEnv{ID: id, Name: name, TranslatedName: tname, PkgTypes: types}
		}
		recs = append(recs, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("dnf history: %w", err)
	}
	var out []CompsItem
	for _, r := range recs {
		it := r.item0
		if r.isGroup {
			pr, err := db.QueryContext(ctx, "SELECT name, installed, pkg_type FROM comps_group_package WHERE group_id = ? ORDER BY id", r.item)
			if err != nil {
				return nil, fmt.Errorf("dnf history: %w", err)
			}
			for pr.Next() {
				var p CompsPackage
				if err := pr.Scan(&p.Name, &p.Installed, &p.Type); err != nil {
					pr.Close()
					return nil, fmt.Errorf("dnf history: %w", err)
				}
				it.Group.Packages = append(it.Group.Packages, p)
			}
			pr.Close()
		} else {
			gr, err := db.QueryContext(ctx, "SELECT groupid, installed, group_type FROM comps_environment_group WHERE environment_id = ? ORDER BY id", r.item)
			if err != nil {
				return nil, fmt.Errorf("dnf history: %w", err)
			}
			for gr.Next() {
				var g CompsEnvGroup
				if err := gr.Scan(&g.ID, &g.Installed, &g.Type); err != nil {
					gr.Close()
					return nil, fmt.Errorf("dnf history: %w", err)
				}
				it.Env.Groups = append(it.Env.Groups, g)
			}
			gr.Close()
		}
		out = append(out, it)
	}
	return out, nil
}
