-- The scan state of every storage the fleet serves (PostgresScanStateStore). One row per file a scanner has seen.
-- Paths use the "C" collation: in a UTF-8 database that is Unicode code point order, which ScanStateStore requires.
-- Status codes are stable (never renumbered): 0 PENDING_NEW, 1 PENDING_MODIFIED, 2 DELIVERED, 3 MISSING.
CREATE TABLE scan_state (
    storage_id          text COLLATE "C" NOT NULL,
    path                text COLLATE "C" NOT NULL,
    size                bigint           NOT NULL,
    mtime_ns            bigint           NOT NULL,
    file_key            text,
    checksum            text,
    unchanged_since_ms  bigint           NOT NULL,
    status              smallint         NOT NULL CHECK (status BETWEEN 0 AND 3),
    PRIMARY KEY (storage_id, path)
);
-- Partial indexes: in a settled storage nearly every row is DELIVERED, so these stay small.
CREATE INDEX scan_state_owed ON scan_state (storage_id, status, path) WHERE status <> 2;
CREATE INDEX scan_state_new_by_key ON scan_state (storage_id, file_key) WHERE status = 0;
CREATE INDEX scan_state_new_by_size ON scan_state (storage_id, size, mtime_ns) WHERE status = 0;
