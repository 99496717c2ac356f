package presstext

import (
	"net/url"
	"sort"
	"strings"
)

// trackingParams are query parameters that identify a click or a campaign,
// never the article.
var trackingParams = map[string]bool{
	"fbclid": true, "gclid": true, "dclid": true, "gbraid": true, "wbraid": true,
	"msclkid": true, "yclid": true, "igshid": true, "mc_cid": true, "mc_eid": true,
	"_ga": true, "_gl": true, "ref_src": true, "ref_url": true, "zarsrc": true,
	"gidzl": true, "vn_source": true, "vn_medium": true, "vn_campaign": true,
	"s_cid": true, "cmpid": true, "ocid": true, "spm": true,
}

// NormalizeURL returns the key under which two links to the same article
// compare equal: scheme and host lower-cased, default port, user info and
// fragment dropped, tracking parameters (utm_*, fbclid, …) removed and the
// rest sorted, and no trailing slash. Text that does not parse as an
// absolute URL is returned trimmed.
func NormalizeURL(raw string) string {
	raw = strings.TrimSpace(raw)
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return raw
	}
	u.Scheme = strings.ToLower(u.Scheme)
	host := strings.ToLower(u.Hostname())
	if port := u.Port(); port != "" && !(port == "80" && u.Scheme == "http" || port == "443" && u.Scheme == "https") {
		host += ":" + port
	}
	u.Host = strings.TrimSuffix(host, ".")
	u.User = nil
	u.Fragment, u.RawFragment = "", ""
	u.RawQuery = cleanQuery(u.RawQuery)
	u.ForceQuery = false
	if p := strings.TrimRight(u.EscapedPath(), "/"); p != u.EscapedPath() {
		u.RawPath = ""
		u.Path = strings.TrimRight(u.Path, "/")
	}
	return u.String()
}

// cleanQuery drops tracking parameters and sorts the others, keeping each
// parameter's encoding as written.
func cleanQuery(q string) string {
	if q == "" {
		return ""
	}
	parts := strings.Split(q, "&")
	kept := parts[:0]
	for _, p := range parts {
		if p == "" {
			continue
		}
		name, _, _ := strings.Cut(p, "=")
		name = strings.ToLower(name)
		if strings.HasPrefix(name, "utm_") || trackingParams[name] {
			continue
		}
		kept = append(kept, p)
	}
	sort.Strings(kept)
	return strings.Join(kept, "&")
}
