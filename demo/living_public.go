package demo

import (
	"context"
	"time"

	"ttdn"
	"ttdn/sqlstore"
)

// livingPublications is how many of the year's public activities the
// coordinator puts on the public site (issue 14 §2), so `serve --demo`
// shows a site with something on it in three languages.
const livingPublications = 12

// publicSteps schedules, just before the demo's now, the coordinator
// publishing the newest public activities of the year: each in Vietnamese,
// the first ones with an approved English and a translated Khmer title,
// the rest waiting for translation (their pages fall back to Vietnamese).
// Nothing is published when the site already has something.
func (l *living) publicSteps(ctx context.Context) error {
	if _, n, err := sqlstore.NewPublicationService(l.db).FindPublications(ctx, ttdn.PublicationFilter{Limit: 1}); err != nil || n > 0 {
		return err // published before: a second load adds nothing
	}
	l.add(l.cal.Now.Add(-30*time.Second), func(ctx context.Context) error {
		coord := l.as(ctx, "dieuphoi")
		public := ttdn.Public
		acts, _, err := sqlstore.NewActivityService(l.db).FindActivities(ctx, ttdn.ActivityFilter{Classification: &public,
			Limit: livingPublications})
		if err != nil {
			return err
		}
		pubs := sqlstore.NewPublicationService(l.db)
		for i, a := range acts {
			src := ttdn.PublicationSource{Kind: ttdn.ResourceActivity, ID: a.ID}
			if _, err := pubs.FindPublicationBySource(coord, src); err == nil {
				continue
			}
			d, err := pubs.DraftPublication(coord, src)
			if err != nil {
				return err
			}
			if i < livingPublications/2 {
				d.Texts = append(d.Texts,
					ttdn.PublicationText{Lang: ttdn.LangEN, Title: "Tây Ninh province: public event of " + a.StartDate.String(), Status: ttdn.TranslationApproved},
					ttdn.PublicationText{Lang: ttdn.LangKM, Title: "ខេត្តតៃនិញ៖ សកម្មភាពផ្សព្វផ្សាយ", Status: ttdn.TranslationDone})
			}
			if err := pubs.Publish(coord, src, d); err != nil {
				return err
			}
		}
		return nil
	})
	return nil
}
