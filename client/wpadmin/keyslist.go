package wpadmin

import (
	"html"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// KeyRow is one row of the keys list as a page shows it: never a secret, and of the key only the ending.
type KeyRow struct {
	ID          int    // the key's id (its checkbox's value, and its View/Edit and Revoke links' id)
	Description string // as the merchant typed it
	Ending      string // the consumer key's last 7 characters
	User        string
	Permissions string // as the list words it: Read, Write, Read/Write
	// LastAccess is when a request last used the key, to the minute, in the site's time zone; zero when
	// the list says Unknown (never used) or words it in a format not known here (Raw holds it then).
	LastAccess time.Time
	Raw        string // the Last access cell's text, as shown
}

var (
	rowRE      = regexp.MustCompile(`(?is)<tr[^>]*>(.*?)</tr>`)
	cellRE     = regexp.MustCompile(`(?is)<t[dh][^>]*>(.*?)</t[dh]>`)
	checkboxRE = regexp.MustCompile(`(?i)name=["']key\[\]["'][^>]*value=["'](\d+)["']|value=["'](\d+)["'][^>]*name=["']key\[\]["']`)
	linkIDRE   = regexp.MustCompile(`(?i)(?:` + EditParam + `|` + RevokeParam + `)=(\d+)`)
	tagRE      = regexp.MustCompile(`(?s)<[^>]*>`)
	endingRE   = regexp.MustCompile(`[0-9a-f]{7}`)
	spaceRE    = regexp.MustCompile(`\s+`)
)

// lastAccessFormats are the ways WordPress sites word a date and time ("F j, Y" + " at " + "g:i a" is
// the default; sites choose others in Settings > General).
var lastAccessFormats = []string{
	"January 2, 2006 at 3:04 pm", "January 2, 2006 at 3:04 PM", "January 2, 2006 at 15:04",
	"2006-01-02 at 3:04 pm", "2006-01-02 at 15:04", "02/01/2006 at 15:04", "01/02/2006 at 3:04 pm",
	"2 January 2006 at 15:04", "2006-01-02 15:04:05", "2006-01-02 15:04",
}

// ParseKeysList reads the keys list page's rows (…&section=keys). The Last access times are read in loc,
// the site's time zone. A page that isn't the keys list gives no rows.
func ParseKeysList(page string, loc *time.Location) []KeyRow {
	if loc == nil {
		loc = time.UTC
	}
	var rows []KeyRow
	for _, tr := range rowRE.FindAllStringSubmatch(page, -1) {
		cells := cellRE.FindAllStringSubmatch(tr[1], -1)
		if len(cells) < len(KeysListColumns) {
			continue // the header row, or another table
		}
		// The list's first cell may be the checkbox column: the five named columns are the last five.
		cells = cells[len(cells)-len(KeysListColumns):]
		text := func(i int) string {
			return strings.TrimSpace(spaceRE.ReplaceAllString(html.UnescapeString(tagRE.ReplaceAllString(cells[i][1], " ")), " "))
		}
		r := KeyRow{User: text(2), Permissions: text(3), Raw: text(4)}
		// The description cell also carries the row actions (ID, View/Edit, Revoke): the description is
		// what comes before them.
		desc := cells[0][1]
		if i := strings.Index(desc, "row-actions"); i >= 0 {
			desc = desc[:max(strings.LastIndex(desc[:i], "<"), 0)]
		}
		r.Description = strings.TrimSpace(spaceRE.ReplaceAllString(html.UnescapeString(tagRE.ReplaceAllString(desc, " ")), " "))
		if m := endingRE.FindString(text(1)); m != "" {
			r.Ending = m
		} else {
			continue // no key ending: not a key row
		}
		if m := checkboxRE.FindStringSubmatch(tr[1]); m != nil {
			r.ID, _ = strconv.Atoi(m[1] + m[2])
		} else if m := linkIDRE.FindStringSubmatch(tr[1]); m != nil {
			r.ID, _ = strconv.Atoi(m[1])
		}
		if r.Raw != NeverUsed {
			for _, f := range lastAccessFormats {
				if t, err := time.ParseInLocation(f, r.Raw, loc); err == nil {
					r.LastAccess = t
					break
				}
			}
		}
		rows = append(rows, r)
	}
	return rows
}

// UsedSince reports whether the row's key was used at or after t. Last access has minute precision, so
// a use in the same minute as t counts.
func (r KeyRow) UsedSince(t time.Time) bool {
	return !r.LastAccess.IsZero() && !r.LastAccess.Before(t.Truncate(time.Minute))
}
