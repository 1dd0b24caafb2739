-- Who may read what: users with a role and a home unit, their log-in sessions and API tokens, and the audit log.
-- Secrets are never stored: a password as its scrypt hash, a session or token as the SHA-256 of its value.

-- ReplacingMergeTree(updated_at), one row per user: a change is a newer version (role, unit, password, disabled).
CREATE TABLE IF NOT EXISTS users
(
    user_id        String,
    login          String COMMENT 'lower case, unique',
    display_name   String,
    role           Enum8('central' = 1, 'province' = 2, 'commune' = 3, 'analyst' = 4, 'admin' = 5),
    home_unit_code String COMMENT 'VN for central, analyst and admin; the province or commune otherwise',
    password_hash  String COMMENT 'scrypt$N$r$p$salt$hash',
    disabled       UInt8,
    created_at     DateTime64(3, 'Asia/Ho_Chi_Minh'),
    updated_at     DateTime64(3, 'Asia/Ho_Chi_Minh')
)
ENGINE = ReplacingMergeTree(updated_at)
ORDER BY user_id;

-- ReplacingMergeTree(updated_at) by the secret's hash: a log-out or a revocation is a newer version of the row.
CREATE TABLE IF NOT EXISTS user_credentials
(
    secret_hash String COMMENT 'SHA-256 (hex) of the session cookie or API token',
    kind        Enum8('session' = 1, 'token' = 2),
    user_id     String,
    name        String COMMENT 'a token: what it is for; a session: the browser',
    created_at  DateTime64(3, 'Asia/Ho_Chi_Minh'),
    expires_at  DateTime64(3, 'Asia/Ho_Chi_Minh'),
    revoked     UInt8,
    updated_at  DateTime64(3, 'Asia/Ho_Chi_Minh')
)
ENGINE = ReplacingMergeTree(updated_at)
ORDER BY secret_hash;

-- Append-only MergeTree by time, monthly partitions: who read or changed what, and every log-in attempt.
CREATE TABLE IF NOT EXISTS audit_log
(
    at          DateTime64(3, 'Asia/Ho_Chi_Minh'),
    user_id     String,
    login       String,
    action      LowCardinality(String) COMMENT 'read, change, login, login_failed, logout, token_created',
    method      LowCardinality(String),
    route       LowCardinality(String),
    unit_code   String,
    detail      String COMMENT 'the query string or what changed; never a password or personal value',
    status      UInt16,
    ip          String
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(at)
ORDER BY (at, user_id);
