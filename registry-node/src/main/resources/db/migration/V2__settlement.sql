-- AIRM registry schema, version 2: usage attestations, reward pools seen on chain, settlement runs
-- and their allocations. Portable SQL (H2 and PostgreSQL), hex strings as in V1.

-- A company's signed usage attestation. Its log leaf (type 0x02) is appended in the same
-- transaction as this row; the relayer then records it on chain through attestBySig.
CREATE TABLE attestations (
    attestation_id  VARCHAR(66)   NOT NULL PRIMARY KEY, -- EIP-712 digest under UsageAttestations
    attester        VARCHAR(42)   NOT NULL,
    model_id        VARCHAR(66)   NOT NULL,
    model_version   VARCHAR(256)  NOT NULL,
    works_root      VARCHAR(66)   NOT NULL,
    work_count      INT           NOT NULL,
    evidence_digest VARCHAR(66)   NOT NULL,
    evidence_cid    VARCHAR(128)  NOT NULL,
    nonce           NUMERIC(78,0) NOT NULL,
    deadline        NUMERIC(78,0) NOT NULL,
    signature       VARCHAR(132)  NOT NULL,
    log_index       BIGINT        NOT NULL,
    state           VARCHAR(16)   NOT NULL,  -- PENDING, SUBMITTED, RECORDED, FAILED
    tx_hash         VARCHAR(66),
    chain_id        NUMERIC(78,0),           -- the id UsageAttestations gave it
    attested_at     BIGINT,                  -- the block timestamp of that record
    failure         VARCHAR(2048),
    submitted_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT attestations_log_index UNIQUE (log_index),
    CONSTRAINT attestations_attester_nonce UNIQUE (attester, nonce)
);
CREATE INDEX attestations_state ON attestations (state);
CREATE INDEX attestations_chain_id ON attestations (chain_id);

CREATE TABLE attestation_works (
    attestation_id VARCHAR(66) NOT NULL REFERENCES attestations (attestation_id),
    position       INT         NOT NULL,
    work_id        VARCHAR(66) NOT NULL,
    PRIMARY KEY (attestation_id, position)
);
CREATE INDEX attestation_works_work ON attestation_works (work_id);

-- Pools as the chain indexer saw them (PoolCreated, PoolFunded, DistributionPosted, ...). Rows
-- carry the block they were last changed in so that a reorg can roll them back.
CREATE TABLE pools (
    pool_id           NUMERIC(78,0) NOT NULL PRIMARY KEY,
    attestation_chain_id NUMERIC(78,0) NOT NULL,
    token             VARCHAR(42)   NOT NULL,
    funder            VARCHAR(42)   NOT NULL,
    expiry            BIGINT        NOT NULL,
    funded            NUMERIC(78,0) NOT NULL,
    created_block     BIGINT        NOT NULL
);

-- Every indexed event, so that a rollback can recompute the pools from what remains.
CREATE TABLE chain_events (
    block_number BIGINT       NOT NULL,
    log_index    BIGINT       NOT NULL,
    block_hash   VARCHAR(66)  NOT NULL,
    tx_hash      VARCHAR(66)  NOT NULL,
    kind         VARCHAR(32)  NOT NULL,
    pool_id      NUMERIC(78,0),
    data         VARCHAR(4096) NOT NULL,  -- the decoded event as JSON
    PRIMARY KEY (block_number, log_index)
);
CREATE INDEX chain_events_pool ON chain_events (pool_id);

CREATE TABLE indexer_cursors (
    name         VARCHAR(64)  NOT NULL PRIMARY KEY,
    block_number BIGINT       NOT NULL,
    block_hash   VARCHAR(66)  NOT NULL,
    recent       VARCHAR(65536) NOT NULL  -- the recent block hashes the indexer keeps for reorgs
);

-- One settlement run per pool: POST /v1/pools/{id}/settle creates it, a second call returns it.
CREATE TABLE settlements (
    pool_id           NUMERIC(78,0) NOT NULL PRIMARY KEY,
    state             VARCHAR(16)   NOT NULL,  -- WAITING, POSTING, POSTED, CLAIMABLE, CHALLENGED, FAILED
    attestation_id    VARCHAR(66)   NOT NULL,
    funded            NUMERIC(78,0),
    tree_size         BIGINT,
    report_cid        VARCHAR(128),           -- the settlement document (airm-settlement/1)
    report_digest     VARCHAR(66),
    valuation_cid     VARCHAR(128),           -- the valuation report
    input_cid         VARCHAR(128),           -- the valuation input
    root              VARCHAR(66),
    total             NUMERIC(78,0),
    leaves            BIGINT,
    tx_hash           VARCHAR(66),
    challenge_ends_at BIGINT,
    failure           VARCHAR(2048),
    requested_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX settlements_state ON settlements (state);

CREATE TABLE allocations (
    pool_id    NUMERIC(78,0) NOT NULL,
    leaf_index BIGINT        NOT NULL,
    account    VARCHAR(42)   NOT NULL,
    amount     NUMERIC(78,0) NOT NULL,
    claimed    BOOLEAN       NOT NULL,
    PRIMARY KEY (pool_id, leaf_index)
);
CREATE INDEX allocations_account ON allocations (account);
