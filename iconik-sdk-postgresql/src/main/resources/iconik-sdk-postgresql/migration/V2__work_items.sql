-- Work shared by a fleet (PostgresWorkQueue): one row per unfinished work item. A worker claims rows with
-- SELECT ... FOR UPDATE SKIP LOCKED and holds them under a lease (owner, lease_until) that its process renews;
-- a dead worker's leases run out and the rows are claimed again. Times are the server's, never a gateway's clock.
CREATE TABLE work_items (
    storage_id     text COLLATE "C" NOT NULL,
    kind           text COLLATE "C" NOT NULL,
    key            text COLLATE "C" NOT NULL,
    payload        text             NOT NULL,
    seq            bigint GENERATED ALWAYS AS IDENTITY,
    owner          text,
    lease_until    timestamptz,
    offered_again  boolean          NOT NULL DEFAULT false,
    attempts       integer          NOT NULL DEFAULT 0,
    PRIMARY KEY (storage_id, kind, key)
);
CREATE INDEX work_items_by_offer ON work_items (storage_id, kind, seq);
CREATE INDEX work_items_by_owner ON work_items (owner) WHERE owner IS NOT NULL;
