package spreadsheet

import (
	"fmt"
	"strings"

	"signpost/internal/directory"
)

// keyed is a "key: value" part of a contact or hours cell and the field it fills. Write and
// Read use the same table, so a field added here is written and read back.
type keyed struct {
	key   string
	field *string
}

func contactFields(c *directory.Contact) []keyed {
	return []keyed{{"value", &c.Value}, {"extension", &c.Extension}, {"url", &c.URL}, {"label", &c.Label}, {"note", &c.Note}, {"source", &c.Source}, {"as of", &c.AsOf}}
}

func hoursFields(h *directory.Hours) []keyed {
	return []keyed{{"holidays", (*string)(&h.Holidays)}, {"calendar", &h.Calendar}, {"term", &h.Term}, {"description", &h.Description}, {"source", &h.Source}, {"as of", &h.AsOf}}
}

// setKeyed fills the field named key, or says which keys there are; extra names keys the
// caller reads itself, for the message.
func setKeyed(fields []keyed, key, value string, extra ...string) error {
	names := extra
	for _, f := range fields {
		if f.key == key {
			*f.field = value
			return nil
		}
		names = append(names, f.key)
	}
	return fmt.Errorf("%q is not one of %s", key, strings.Join(names, ", "))
}
