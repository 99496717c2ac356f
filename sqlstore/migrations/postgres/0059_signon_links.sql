-- Single sign-on links an account to the provider's stable subject (the
-- ID token's "sub"), not to the user name the provider sends: once linked,
-- an identity that claims the account's user name but is another subject is
-- refused, and a renamed identity still reaches its account. One subject
-- per account and issuer. Keep in step with the other engine's 0059.
CREATE TABLE signon_links (
	issuer    TEXT      NOT NULL,
	subject   TEXT      NOT NULL,
	user_id   BIGINT    NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	linked_at TIMESTAMPTZ NOT NULL,
	PRIMARY KEY (issuer, subject)
);
CREATE UNIQUE INDEX signon_links_user_idx ON signon_links (user_id, issuer);
