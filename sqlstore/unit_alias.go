package sqlstore

import (
	"context"
	"strings"
	"unicode/utf8"

	"ttdn"
	"ttdn/vntext"
)

var _ ttdn.UnitAliasLearner = (*UnitService)(nil)

// maxAliasRunes bounds a learned alias: a unit name, not a sentence.
const maxAliasRunes = 150

// LearnAliases adds each text as an alias of the unit or group the user
// chose for it, in one transaction, each change audited as add_alias. A
// text that is already one of its names adds nothing; a text that was
// another unit's alias moves (the user said what it means), but a text
// that is another unit's own name or short name stays that unit's.
func (s *UnitService) LearnAliases(ctx context.Context, aliases []ttdn.UnitAlias) (int, error) {
	if len(aliases) == 0 {
		return 0, nil
	}
	if err := authorize(ctx, ttdn.ActionUpdate, ttdn.Resource{Kind: ttdn.ResourceUnit}, nil); err != nil {
		return 0, err
	}
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	units, err := findUnits(ctx, tx, `1 = 1 ORDER BY id`)
	if err != nil {
		return 0, err
	}
	groups, err := findUnitGroups(ctx, tx)
	if err != nil {
		return 0, err
	}
	added := 0
	for _, a := range aliases {
		text := strings.Join(strings.Fields(a.Text), " ")
		key := aliasKey(text)
		if key == "" || utf8.RuneCountInString(text) > maxAliasRunes {
			continue
		}
		ok, err := learnOne(ctx, tx, units, groups, a, text, key)
		if err != nil {
			return 0, err
		}
		if ok {
			added++
		}
	}
	return added, tx.Commit()
}

func learnOne(ctx context.Context, tx *Tx, units []*ttdn.Unit, groups []*ttdn.UnitGroup, a ttdn.UnitAlias, text, key string) (bool, error) {
	var target *ttdn.Unit
	var group *ttdn.UnitGroup
	for _, u := range units {
		if a.UnitID != 0 && u.ID == a.UnitID {
			target = u
		}
		if aliasKey(u.Name) == key || aliasKey(u.ShortName) == key {
			return false, nil // a unit's own name: its unit it stays
		}
	}
	for _, g := range groups {
		if a.GroupID != 0 && g.ID == a.GroupID {
			group = g
		}
		if aliasKey(g.Name) == key {
			return false, nil
		}
	}
	if target == nil && group == nil {
		return false, ttdn.Errorf(ttdn.EINVALID, "Đơn vị được chọn cho %q không có trong danh mục.", "The unit chosen for %q is not in the directory.", text)
	}
	if (target != nil && hasAlias(target.Aliases, key)) || (group != nil && hasAlias(group.Aliases, key)) {
		return false, nil
	}
	// Another unit or group that had it as an alias gives it up.
	for _, u := range units {
		if u != target && hasAlias(u.Aliases, key) {
			if err := setUnitAliases(ctx, tx, u, withoutAlias(u.Aliases, key)); err != nil {
				return false, err
			}
		}
	}
	for _, g := range groups {
		if g != group && hasAlias(g.Aliases, key) {
			if err := setGroupAliases(ctx, tx, g, withoutAlias(g.Aliases, key)); err != nil {
				return false, err
			}
		}
	}
	if target != nil {
		return true, setUnitAliases(ctx, tx, target, append(append([]string(nil), target.Aliases...), text))
	}
	return true, setGroupAliases(ctx, tx, group, append(append([]string(nil), group.Aliases...), text))
}

func setUnitAliases(ctx context.Context, tx *Tx, u *ttdn.Unit, aliases []string) error {
	before := *u
	u.Aliases = aliases
	if err := updateUnit(ctx, tx, u); err != nil {
		return err
	}
	return tx.audit(ctx, "add_alias", ttdn.ResourceUnit, u.ID, map[string]any{"aliases": before.Aliases}, map[string]any{"aliases": u.Aliases})
}

func setGroupAliases(ctx context.Context, tx *Tx, g *ttdn.UnitGroup, aliases []string) error {
	before := g.Aliases
	g.Aliases = aliases
	if _, err := tx.exec(ctx, `UPDATE unit_groups SET aliases = ?, search_key = ? WHERE id = ?`,
		jsonArg(g.Aliases), searchKey(append([]string{g.Name, g.Code}, g.Aliases...)...), g.ID); err != nil {
		return err
	}
	return tx.audit(ctx, "add_alias", ttdn.ResourceUnitGroup, g.ID, map[string]any{"group": g.Name, "aliases": before}, map[string]any{"group": g.Name, "aliases": g.Aliases})
}

// aliasKey compares names as the resolver does: folded words.
func aliasKey(s string) string { return strings.Join(vntext.Words(s), " ") }

func hasAlias(aliases []string, key string) bool {
	for _, a := range aliases {
		if aliasKey(a) == key {
			return true
		}
	}
	return false
}

func withoutAlias(aliases []string, key string) []string {
	var out []string
	for _, a := range aliases {
		if aliasKey(a) != key {
			out = append(out, a)
		}
	}
	return out
}
