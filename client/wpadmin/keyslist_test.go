package wpadmin

import (
	"strings"
	"testing"
	"time"
)

// The keys list as the facts page records a real store's: columns, the checkbox's key id, the Revoke
// link, and Last access to the minute in the site's format ("Unknown" before any use).
const realKeysList = `<table class="wp-list-table widefat fixed striped table-view-list keys"><thead><tr>
<td id="cb" class="manage-column column-cb check-column"><input id="cb-select-all-1" type="checkbox"></td>
<th scope="col" class="manage-column column-title column-primary">Description</th><th>Consumer key ending in</th><th>User</th><th>Permissions</th><th>Last access</th></tr></thead>
<tbody id="the-list">
<tr><th scope="row" class="check-column"><input type="checkbox" name="key[]" value="7" /></th>
<td class='title column-title has-row-actions column-primary' data-colname="Description"><strong><a href="https://s.example/wp-admin/admin.php?page=wc-settings&#038;tab=advanced&#038;section=keys&#038;edit-key=7" class="row-title">Syncio API Key</a></strong><div class="row-actions"><span class="id">ID: 7 | </span><span class="edit"><a href="#">View/Edit</a> | </span><span class="trash"><a class="submitdelete" href="https://s.example/wp-admin/admin.php?page=wc-settings&#038;tab=advanced&#038;section=keys&#038;revoke-key=7&#038;_wpnonce=3f1a2b">Revoke</a></span></div></td>
<td class='truncated_key column-truncated_key' data-colname="Consumer key ending in"><code>&hellip;3157696</code></td>
<td class='user column-user' data-colname="User">admin</td>
<td class='permissions column-permissions' data-colname="Permissions">Read/Write</td>
<td class='last_access column-last_access' data-colname="Last access">November 25, 2026 at 8:09 am</td></tr>
<tr><th scope="row" class="check-column"><input type="checkbox" name="key[]" value="8" /></th>
<td class='title column-title' data-colname="Description"><strong><a href="#">Old &amp; unused</a></strong></td>
<td class='truncated_key' data-colname="Consumer key ending in"><code>&hellip;a1b2c3d</code></td>
<td class='user' data-colname="User">shopmanager</td><td class='permissions' data-colname="Permissions">Read</td>
<td class='last_access' data-colname="Last access">Unknown</td></tr>
</tbody></table>`

func TestParseKeysList(t *testing.T) {
	loc := time.FixedZone("shop", 3600)
	rows := ParseKeysList(realKeysList, loc)
	if len(rows) != 2 {
		t.Fatalf("%d rows: %+v", len(rows), rows)
	}
	r := rows[0]
	want := time.Date(2026, 11, 25, 8, 9, 0, 0, loc)
	if r.ID != 7 || r.Ending != "3157696" || r.Description != "Syncio API Key" || r.User != "admin" || r.Permissions != "Read/Write" || !r.LastAccess.Equal(want) {
		t.Fatalf("%+v", r)
	}
	if !r.UsedSince(want.Add(30*time.Second)) || r.UsedSince(want.Add(time.Minute)) {
		t.Fatal("minute precision: a use in the same minute counts, one a minute later doesn't")
	}
	if o := rows[1]; o.ID != 8 || o.Description != "Old & unused" || !o.LastAccess.IsZero() || o.Raw != NeverUsed || o.UsedSince(time.Time{}) {
		t.Fatalf("%+v", o)
	}
	if rows := ParseKeysList("<html><body><h1>Log In</h1></body></html>", loc); len(rows) != 0 {
		t.Fatal("rows from a login page")
	}
}

// FuzzParseKeysList: whatever a page holds, reading it never panics, and a row always has a key ending of
// 7 hex characters and never anything longer that could be a key.
func FuzzParseKeysList(f *testing.F) {
	f.Add(realKeysList)
	f.Add("<tr><td>a</td><td>…1234567</td><td>u</td><td>p</td><td>Unknown</td></tr>")
	f.Add("<tr><td><td><td><td><td></tr>")
	f.Fuzz(func(t *testing.T, page string) {
		for _, r := range ParseKeysList(page, nil) {
			if len(r.Ending) != 7 || strings.Contains(r.Ending, "_") {
				t.Fatalf("ending %q", r.Ending)
			}
		}
	})
}
