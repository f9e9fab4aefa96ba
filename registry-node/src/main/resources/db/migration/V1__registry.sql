-- AIRM registry schema, version 1. Portable SQL: the same file runs on H2 and PostgreSQL.
-- Hashes, addresses and signatures are stored as lower-case 0x-prefixed hex, exactly as the API
-- shows them, so that a row can be compared with an API answer or a chain event by eye.

CREATE TABLE works (
    work_id        VARCHAR(66)   NOT NULL PRIMARY KEY, -- the EIP-712 digest of the registration
    creator        VARCHAR(42)   NOT NULL,
    content_hash   VARCHAR(66)   NOT NULL,             -- SHA-256 of the content
    cid            VARCHAR(128)  NOT NULL,
    metadata_hash  VARCHAR(66)   NOT NULL,             -- SHA-256 of the metadata document
    licence        VARCHAR(256)  NOT NULL,
    ai_training    BOOLEAN       NOT NULL,
    nonce          NUMERIC(78,0) NOT NULL,
    deadline       NUMERIC(78,0) NOT NULL,
    signature      VARCHAR(132)  NOT NULL,             -- r || s || v
    metadata       VARCHAR(65536),                     -- the metadata document, when given
    content_stored BOOLEAN       NOT NULL,             -- the node holds the content's blocks
    log_index      BIGINT        NOT NULL,
    registered_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT works_log_index UNIQUE (log_index),
    CONSTRAINT works_creator_nonce UNIQUE (creator, nonce)
);

CREATE TABLE work_parents (
    work_id         VARCHAR(66) NOT NULL REFERENCES works (work_id),
    parent_position INT         NOT NULL,
    parent_id       VARCHAR(66) NOT NULL,
    PRIMARY KEY (work_id, parent_position)
);

-- The append-only log (RFC 6962). log_head holds the size and is locked by every append, so
-- appends are serialised across connections and nodes.
CREATE TABLE log_head (
    id        INT    NOT NULL PRIMARY KEY,
    tree_size BIGINT NOT NULL
);
INSERT INTO log_head (id, tree_size) VALUES (1, 0);

CREATE TABLE log_leaves (
    leaf_index  BIGINT        NOT NULL PRIMARY KEY,
    leaf_hash   VARCHAR(66)   NOT NULL,
    leaf_data   VARCHAR(4096) NOT NULL,
    appended_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Hashes of the perfect subtrees completed so far: node (l, i) covers leaves [i*2^l, (i+1)*2^l).
-- Any root or proof needs O(log n) of them.
CREATE TABLE log_nodes (
    node_level INT         NOT NULL,
    node_index BIGINT      NOT NULL,
    node_hash  VARCHAR(66) NOT NULL,
    PRIMARY KEY (node_level, node_index)
);

-- Anchor transactions. A row is written with the signed bytes BEFORE the first broadcast; the
-- worker rebroadcasts the same bytes until they are mined, so a crash neither loses nor doubles
-- an anchor.
CREATE TABLE anchors (
    tx_hash      VARCHAR(66)   NOT NULL PRIMARY KEY,
    tree_size    BIGINT        NOT NULL,  -- a dropped anchor's tree size is anchored again
    root         VARCHAR(66)   NOT NULL,
    raw_tx       VARCHAR(65536) NOT NULL,
    sender       VARCHAR(42)   NOT NULL,
    nonce        NUMERIC(78,0) NOT NULL,
    status       VARCHAR(16)   NOT NULL,  -- SIGNED, SENT, MINED, FINAL, FAILED
    block_number BIGINT,
    block_hash   VARCHAR(66),
    gas_used     BIGINT,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX anchors_tree_size ON anchors (tree_size);
CREATE INDEX anchors_status ON anchors (status);
