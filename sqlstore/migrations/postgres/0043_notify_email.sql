-- E-mail per person (issue 12): each user chooses whether workflow
-- notifications also go by e-mail — none, each event, or a daily digest.
-- Keep in step with the other engine's 0043. 'each' keeps what every user
-- with an address had before.
ALTER TABLE users ADD COLUMN notify_email TEXT NOT NULL DEFAULT 'each';

-- One digest per user and day: the INSERT is the claim, so two instances
-- never send the same day's digest twice.
CREATE TABLE notification_digests (
	user_id    BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	day        TEXT    NOT NULL,
	claimed_at TIMESTAMPTZ NOT NULL,
	PRIMARY KEY (user_id, day)
);
