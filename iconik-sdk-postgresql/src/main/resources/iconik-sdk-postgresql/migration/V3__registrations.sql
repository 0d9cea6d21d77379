-- The registration journal of every storage the fleet serves (PostgresRegistrationStore): the SQLite
-- registrations.db tables, each keyed by storage as well. Exactly-once registration across gateways rests on two
-- rules the database enforces: a path has one registration row per storage (primary key), and an idempotency key
-- belongs to one path (unique); a save that would give a path another key while a row with its key is there is
-- refused by the store (the conditional upsert), so two gateways can never both start registering one file.
CREATE TABLE registrations (
    storage_id     text COLLATE "C" NOT NULL,
    path           text COLLATE "C" NOT NULL,
    idem_key       text             NOT NULL,
    asset_id       text,
    format_id      text,
    file_set_id    text,
    file_id        text,
    step           text             NOT NULL,
    pending        boolean          NOT NULL,
    created_asset  boolean          NOT NULL,
    size           bigint           NOT NULL,
    mtime_ms       bigint           NOT NULL,
    checksum       text,
    metadata_hash  text,
    PRIMARY KEY (storage_id, path),
    CONSTRAINT registrations_one_path_per_key UNIQUE (storage_id, idem_key)
);
CREATE INDEX registrations_unfinished ON registrations (storage_id, path) WHERE step <> 'DONE';

CREATE TABLE collections (
    storage_id     text COLLATE "C" NOT NULL,
    directory      text COLLATE "C" NOT NULL,
    collection_id  text             NOT NULL,
    PRIMARY KEY (storage_id, directory)
);

CREATE TABLE uploads (
    storage_id     text COLLATE "C" NOT NULL,
    path           text COLLATE "C" NOT NULL,
    slot           text COLLATE "C" NOT NULL,
    tag            text             NOT NULL,
    object_id      text,
    state          text             NOT NULL,
    upload_url     text,
    session_url    text,
    confirmed      bigint           NOT NULL,
    content_md5    text,
    PRIMARY KEY (storage_id, path, slot)
);

CREATE TABLE upload_parts (
    storage_id     text COLLATE "C" NOT NULL,
    path           text COLLATE "C" NOT NULL,
    slot           text COLLATE "C" NOT NULL,
    part           integer          NOT NULL,
    tag            text             NOT NULL,
    PRIMARY KEY (storage_id, path, slot, part)
);

CREATE TABLE upload_work (
    storage_id     text COLLATE "C" NOT NULL,
    path           text COLLATE "C" NOT NULL,
    kind           text COLLATE "C" NOT NULL,
    tag            text             NOT NULL,
    state          text             NOT NULL,
    PRIMARY KEY (storage_id, path, kind)
);
CREATE INDEX upload_work_by_state ON upload_work (storage_id, kind, state, path);

-- Auto-versioning: the version a MODIFIED file's registration is making (RegistrationStore.startVersion).
CREATE TABLE versions (
    storage_id           text COLLATE "C" NOT NULL,
    path                 text COLLATE "C" NOT NULL,
    previous_version_id  text,
    version_id           text,
    started              boolean          NOT NULL,
    done                 boolean          NOT NULL,
    PRIMARY KEY (storage_id, path)
);
