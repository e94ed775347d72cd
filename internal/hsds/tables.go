package hsds

import (
	"slices"
	"sort"
	"strings"
)

// hasTables reports whether m is the tabular form: one array of rows per CSV file name.
func hasTables(m map[string]any) bool {
	for k := range m {
		if strings.HasSuffix(k, ".csv") {
			return true
		}
	}
	return false
}

// idColumns names the column by which rows of other tables point at a row of a table.
var idColumns = map[string]string{"organizations": "organization_id", "services": "service_id", "locations": "location_id",
	"contacts": "contact_id", "service_at_location": "service_at_location_id", "phones": "phone_id"}

// nestTables turns the tabular form into the nested one: services with their phones,
// schedules, contacts, service_at_locations (with their location) and so on, organizations
// with theirs, and the taxonomy terms.
func nestTables(m map[string]any) (map[string]any, error) {
	tables := map[string][]map[string]any{}
	for _, k := range sortedKeys(m) {
		if !strings.HasSuffix(k, ".csv") {
			continue
		}
		rows, err := array(m[k], k)
		if err != nil {
			return nil, err
		}
		for i, row := range rows {
			o, err := object(row, at(k, i))
			if err != nil {
				return nil, err
			}
			if o == nil {
				return nil, pathError(at(k, i), "expected a row object, found null")
			}
			tables[strings.TrimSuffix(k, ".csv")] = append(tables[strings.TrimSuffix(k, ".csv")], o)
		}
	}
	var names []string
	for t := range tables {
		names = append(names, t)
	}
	sort.Strings(names)
	var nest func(table string, row map[string]any, ancestors []string) map[string]any
	nest = func(table string, row map[string]any, ancestors []string) map[string]any {
		out := make(map[string]any, len(row))
		for k, v := range row {
			out[k] = v
		}
		id, _ := row["id"].(string)
		col, ok := idColumns[table]
		if !ok || id == "" || len(ancestors) > 3 {
			return out
		}
		anc := append(slices.Clip(ancestors), table)
		for _, u := range names {
			if u == table || slices.Contains(anc, u) || u == "organizations" || u == "metadata" || (table == "organizations" && u == "services") {
				continue
			}
			var children []any
			for _, child := range tables[u] {
				if child[col] == id {
					children = append(children, nest(u, child, anc))
				}
			}
			if len(children) > 0 {
				key := u
				if u == "service_at_location" {
					key = "service_at_locations"
				}
				out[key] = children
			}
		}
		if table == "service_at_location" && !slices.Contains(anc, "locations") {
			for _, loc := range tables["locations"] {
				if lid, _ := row["location_id"].(string); lid != "" && loc["id"] == lid {
					out["location"] = nest("locations", loc, anc)
				}
			}
		}
		return out
	}
	doc := map[string]any{}
	for _, t := range []string{"organizations", "services", "taxonomy_terms"} {
		var items []any
		for _, row := range tables[t] {
			items = append(items, nest(t, row, nil))
		}
		doc[t] = items
	}
	return doc, nil
}
