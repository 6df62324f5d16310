-- One-time chat link codes and the links they made (issues 8 and 9). Runs unchanged on H2
-- (MODE=PostgreSQL) and PostgreSQL. A code is stored only as its SHA-256; it is single use
-- (used_at) and short-lived (expires_at).
CREATE TABLE chat_link_codes (
    code_hash   VARCHAR(64)  PRIMARY KEY,
    user_id     VARCHAR(100) NOT NULL,
    channel     VARCHAR(50)  NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    used_at     TIMESTAMP WITH TIME ZONE
);
CREATE INDEX chat_link_codes_user ON chat_link_codes (user_id);

-- A chat account (channel + the platform's user id) linked to a Clarion user; clarion.yml's
-- chat: identities take precedence over these.
CREATE TABLE chat_identity_links (
    channel     VARCHAR(50)  NOT NULL,
    identity    VARCHAR(200) NOT NULL,
    user_id     VARCHAR(100) NOT NULL,
    linked_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (channel, identity)
);
CREATE INDEX chat_identity_links_user ON chat_identity_links (user_id);
