package http

import (
	"encoding/json"
	"sort"
	"unicode/utf8"
)

// fieldChange is one field of an audited record before and after the act.
type fieldChange struct {
	Field, Before, After string
}

// maxShownValue bounds a value on the page; the export carries it whole.
const maxShownValue = 400

// diffJSON lays out what an act changed: for an update the fields whose
// values differ, for a create every field after, for a delete every field
// before. A record that is not a JSON object is shown whole.
func diffJSON(before, after string) []fieldChange {
	b, bok := jsonObject(before)
	a, aok := jsonObject(after)
	if !bok || !aok {
		if before == "" && after == "" {
			return nil
		}
		return []fieldChange{{Before: shorten(before), After: shorten(after)}}
	}
	keys := map[string]bool{}
	for k := range b {
		keys[k] = true
	}
	for k := range a {
		keys[k] = true
	}
	var out []fieldChange
	for k := range keys {
		bv, av := valueText(b[k]), valueText(a[k])
		if bv != av {
			out = append(out, fieldChange{Field: k, Before: shorten(bv), After: shorten(av)})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Field < out[j].Field })
	return out
}

// jsonObject decodes s as an object; "" is an empty object.
func jsonObject(s string) (map[string]json.RawMessage, bool) {
	m := map[string]json.RawMessage{}
	if s == "" {
		return m, true
	}
	return m, json.Unmarshal([]byte(s), &m) == nil
}

// valueText shows a JSON value: strings without quotes, null and absent as
// nothing, the rest as compact JSON.
func valueText(raw json.RawMessage) string {
	if len(raw) == 0 || string(raw) == "null" {
		return ""
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	return string(raw)
}

func shorten(s string) string {
	if len(s) <= maxShownValue {
		return s
	}
	cut := maxShownValue
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}
