package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"ttdn"
)

// ChannelService manages the channel registry.
type ChannelService struct{ db *DB }

// NewChannelService returns the channel service on db.
func NewChannelService(db *DB) *ChannelService { return &ChannelService{db: db} }

var _ ttdn.ChannelService = (*ChannelService)(nil)

func errChannelNotFound() error {
	return ttdn.Errorf(ttdn.ENOTFOUND, "Không tìm thấy kênh thông tin.", "Channel not found.")
}

// channelResource: the registry is public, like the unit directory.
func channelResource(c *ttdn.Channel) ttdn.Resource {
	return ttdn.Resource{Kind: ttdn.ResourceChannel, Classification: ttdn.Public, UnitIDs: []int64{c.UnitID}}
}

// FindChannelByID returns the channel, or ENOTFOUND.
func (s *ChannelService) FindChannelByID(ctx context.Context, id int64) (*ttdn.Channel, error) {
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	return findChannelByID(ctx, tx, id)
}

// FindChannels returns the channels the filter selects, by kind and name,
// and their total.
func (s *ChannelService) FindChannels(ctx context.Context, f ttdn.ChannelFilter) ([]*ttdn.Channel, int, error) {
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, 0, err
	}
	defer tx.Rollback()
	where, args := channelWhere(f)
	channels, err := findChannels(ctx, tx, where+` ORDER BY kind, name, id`+limitClause(f.Limit, f.Offset), args...)
	if err != nil {
		return nil, 0, err
	}
	total, err := listTotal(ctx, tx, f.Limit, f.Offset, len(channels), `SELECT COUNT(*) FROM channels WHERE `+where, args...)
	return channels, total, err
}

func channelWhere(f ttdn.ChannelFilter) (string, []any) {
	where, args := []string{"1 = 1"}, []any{}
	if f.Kind != nil {
		where, args = append(where, "kind = ?"), append(args, string(*f.Kind))
	}
	if f.UnitID != nil {
		where, args = append(where, "unit_id = ?"), append(args, *f.UnitID)
	}
	if f.Active != nil {
		where, args = append(where, "active = ?"), append(args, *f.Active)
	}
	return strings.Join(where, " AND "), args
}

const channelColumns = `id, code, name, kind, unit_id, url, languages, active, version`

func scanChannel(row rowScanner) (*ttdn.Channel, error) {
	c := &ttdn.Channel{}
	var kind string
	err := row.Scan(&c.ID, &c.Code, &c.Name, &kind, idScan{&c.UnitID}, &c.URL, jsonScan{&c.Languages}, &c.Active, &c.Version)
	c.Kind = ttdn.ChannelKind(kind)
	return c, err
}

func findChannelByID(ctx context.Context, tx *Tx, id int64) (*ttdn.Channel, error) {
	c, err := scanChannel(tx.QueryRowContext(ctx, `SELECT `+channelColumns+` FROM channels WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errChannelNotFound()
	}
	return c, err
}

func findChannels(ctx context.Context, tx *Tx, whereOrder string, args ...any) ([]*ttdn.Channel, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+channelColumns+` FROM channels WHERE `+whereOrder, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var channels []*ttdn.Channel
	for rows.Next() {
		c, err := scanChannel(rows)
		if err != nil {
			return nil, err
		}
		channels = append(channels, c)
	}
	return channels, rows.Err()
}

// CreateChannel stores a new channel and sets its ID and version.
func (s *ChannelService) CreateChannel(ctx context.Context, c *ttdn.Channel) error {
	if err := authorize(ctx, ttdn.ActionCreate, channelResource(c), nil); err != nil {
		return err
	} else if err := c.Validate(); err != nil {
		return err
	}
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := insertChannel(ctx, tx, c); err != nil {
		return err
	} else if err := tx.audit(ctx, "create", ttdn.ResourceChannel, c.ID, nil, c); err != nil {
		return err
	}
	return tx.Commit()
}

func insertChannel(ctx context.Context, tx *Tx, c *ttdn.Channel) error {
	id, err := tx.insertID(ctx, `INSERT INTO channels (code, name, kind, unit_id, url, languages, active, version)
		VALUES (?, ?, ?, ?, ?, ?, ?, 1)`, c.Code, c.Name, string(c.Kind), idArg(c.UnitID), c.URL, jsonArg(c.Languages), c.Active)
	if err != nil {
		return err
	}
	c.ID, c.Version = id, 1
	return nil
}

// UpdateChannel applies upd if upd.Version is the channel's current version.
func (s *ChannelService) UpdateChannel(ctx context.Context, id int64, upd ttdn.ChannelUpdate) (*ttdn.Channel, error) {
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	before, err := findChannelByID(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	if err := authorize(ctx, ttdn.ActionUpdate, channelResource(before), errChannelNotFound()); err != nil {
		return nil, err
	} else if upd.Version != before.Version {
		return nil, errConflict()
	}
	c := *before
	setIf(&c.Name, upd.Name)
	setIf(&c.Kind, upd.Kind)
	setIf(&c.UnitID, upd.UnitID)
	setIf(&c.URL, upd.URL)
	setIf(&c.Languages, upd.Languages)
	setIf(&c.Active, upd.Active)
	if err := c.Validate(); err != nil {
		return nil, err
	}
	res, err := tx.exec(ctx, `UPDATE channels SET name = ?, kind = ?, unit_id = ?, url = ?, languages = ?, active = ?,
		version = version + 1 WHERE id = ? AND version = ?`,
		c.Name, string(c.Kind), idArg(c.UnitID), c.URL, jsonArg(c.Languages), c.Active, id, c.Version)
	if err := checkOneRow(res, err); err != nil {
		return nil, err
	}
	c.Version++
	if err := tx.audit(ctx, "update", ttdn.ResourceChannel, id, before, &c); err != nil {
		return nil, err
	}
	return &c, tx.Commit()
}
