package ttdn

import "context"

// DirectoryRow is one unit as a directory file (CSV, XLSX) lists it: the
// way a province loads its real list and takes it out again. Parent and
// Successor name another unit by code or name, in the file or stored.
type DirectoryRow struct {
	Line      int // the file's line (1 = the headings)
	Code      string
	Name      string
	ShortName string
	Aliases   []string
	Kind      UnitKind
	Parent    string
	Successor string
	ValidFrom Date
	ValidTo   Date
	Note      string
	// Errors are what is wrong with the row, in Vietnamese and English.
	Errors []RowError
	// Change is what importing the row does: "new", "changed", "same".
	Change string
}

// DirectoryImport is a checked directory file: its rows with what each
// would do and what is wrong. Nothing is stored while any row has errors.
type DirectoryImport struct {
	Rows                    []*DirectoryRow
	New, Changed, Same, Bad int
}

// DirectoryService imports and exports the unit directory.
type DirectoryService interface {
	// ExportDirectory lists every unit as a file row.
	ExportDirectory(ctx context.Context) ([]*DirectoryRow, error)
	// CheckDirectory says what importing rows would do, storing nothing.
	CheckDirectory(ctx context.Context, rows []*DirectoryRow) (*DirectoryImport, error)
	// ImportDirectory stores rows (new codes inserted, known codes
	// updated) in one transaction, or nothing when any row has an error.
	ImportDirectory(ctx context.Context, rows []*DirectoryRow) (*DirectoryImport, error)
}
