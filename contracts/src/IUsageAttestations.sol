// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/**
 * @title IUsageAttestations
 * @notice On-chain attestations by AI companies that a model version was trained on (or otherwise used) a set of
 * registered works: the Merkle root and count of the work ids and the SHA-256 digest of the evidence kept in IPFS.
 * Attestations are made directly by an attester or relayed with the attester's EIP-712 signature, and can be revoked
 * once by their attester. Every record keeps the EIP-712 digest of its message: the registry node appends the signed
 * attestation to its RFC 6962 log under that digest after receiving the signature, so the message cannot name its own
 * log position; the stored digest is what links the on-chain record to the log leaf.
 */
interface IUsageAttestations {
    /**
     * @dev What an attester states. Signed as EIP-712 typed data for {attestBySig}, as
     * `Attestation(bytes32 modelId,string modelVersion,bytes32 worksRoot,uint32 workCount,bytes32 evidenceDigest,
     * address attester,uint256 nonce,uint256 deadline)`.
     */
    struct AttestationRequest {
        /// Identifier of the model (e.g. keccak256 of its canonical name).
        bytes32 modelId;
        /// Version of the model; stored only as its keccak256, emitted in full in {Attested}.
        string modelVersion;
        /// Merkle root of the ids of the works used; never zero.
        bytes32 worksRoot;
        /// Number of works under `worksRoot`; never zero.
        uint32 workCount;
        /// SHA-256 digest of the evidence stored in IPFS; never zero.
        bytes32 evidenceDigest;
    }

    /**
     * @dev An attestation as stored. The first three members share slot 0 and `workCount` has slot 1, so a record
     * takes seven slots and {revoke} reads and rewrites only slot 0. `modelVersion` is kept as its keccak256 so that
     * every record has the same size whatever the version's length; the full string is in the {Attested} event, which
     * the node indexes, and anyone holding the string can check it against `modelVersionHash`. `digest` is the EIP-712
     * digest of the message ({hashAttestation}): the one the attester signed for {attestBySig}, or for {attest} the
     * one it would have signed with the nonce consumed and a deadline of `attestedAt`.
     */
    struct Attestation {
        address attester;
        uint64 attestedAt;
        bool revoked;
        uint32 workCount;
        bytes32 modelId;
        bytes32 modelVersionHash;
        bytes32 worksRoot;
        bytes32 evidenceDigest;
        bytes32 digest;
    }

    /// @notice Emitted after attestation `id`, whose EIP-712 message digest is `digest`, has been stored.
    event Attested(
        uint256 indexed id,
        address indexed attester,
        bytes32 indexed digest,
        bytes32 modelId,
        string modelVersion,
        bytes32 worksRoot,
        uint32 workCount,
        bytes32 evidenceDigest
    );

    /// @notice Emitted after attestation `id` has been marked revoked by its attester.
    event Revoked(uint256 indexed id, address indexed attester);

    /// @dev The constructor was given the zero address as admin.
    error UsageAttestationsZeroAdmin();

    /// @dev The request's `worksRoot` is zero.
    error UsageAttestationsZeroWorksRoot();

    /// @dev The request's `workCount` is zero.
    error UsageAttestationsZeroWorkCount();

    /// @dev The request's `evidenceDigest` is zero.
    error UsageAttestationsZeroEvidenceDigest();

    /// @dev {attestBySig} was called after the signature's `deadline` (a Unix time in seconds).
    error UsageAttestationsExpiredSignature(uint256 deadline);

    /// @dev {attestBySig}: the signature recovers to `signer`, not to the claimed `attester`.
    error UsageAttestationsInvalidSigner(address signer, address attester);

    /// @dev No attestation has id `id`.
    error UsageAttestationsUnknownAttestation(uint256 id);

    /// @dev {revoke} was called by `account`, which is not the attester of attestation `id`.
    error UsageAttestationsNotAttester(uint256 id, address account);

    /// @dev Attestation `id` has already been revoked.
    error UsageAttestationsAlreadyRevoked(uint256 id);

    /**
     * @notice Records an attestation by the caller.
     * @dev Only accounts with {ATTESTER_ROLE}. `worksRoot`, `workCount` and `evidenceDigest` must be non-zero. Ids are
     * sequential from 1. Consumes the caller's {nonces} value like {attestBySig} (so a signature the caller made for
     * that nonce and not yet relayed can no longer be used) and stores the digest {hashAttestation} gives for the
     * caller, that nonce and a deadline equal to the block's timestamp. Emits {Attested}.
     * @param request what is attested
     * @return id the new attestation's id
     */
    function attest(AttestationRequest calldata request) external returns (uint256 id);

    /**
     * @notice Records an attestation signed by `attester` and submitted by anyone (the registry node relays it).
     * @dev The signature is the attester's EIP-712 signature (65 bytes, r || s || v, low s) over {hashAttestation}
     * with the attester's current {nonces} value, which this call consumes; that digest is stored with the record.
     * Reverts after `deadline`, if the signer is not `attester`, or if `attester` lacks {ATTESTER_ROLE}; the request is
     * checked as in {attest}. Emits {Attested}.
     * @param request what is attested
     * @param attester the account that signed and is recorded as attester
     * @param deadline last Unix time (seconds, inclusive) at which the signature may be used
     * @param signature the attester's signature of the EIP-712 digest
     * @return id the new attestation's id
     */
    function attestBySig(
        AttestationRequest calldata request,
        address attester,
        uint256 deadline,
        bytes calldata signature
    ) external returns (uint256 id);

    /**
     * @notice Marks attestation `id` revoked. The record itself is kept.
     * @dev Only the attestation's own attester, and only once; the attester does not need to still hold
     * {ATTESTER_ROLE}, so that a company whose role was removed can still retract its statements. Emits {Revoked}.
     * @param id the attestation to revoke
     */
    function revoke(uint256 id) external;

    /**
     * @notice Returns attestation `id`.
     * @dev Reverts with {UsageAttestationsUnknownAttestation} if there is none.
     * @param id the attestation's id
     */
    function attestation(uint256 id) external view returns (Attestation memory);

    /// @notice Returns how many attestations have been made; they have ids 1 to this number.
    function attestationCount() external view returns (uint256);

    /**
     * @notice Returns the EIP-712 digest (`\x19\x01 || domainSeparator || structHash`) that `attester` signs for
     * {attestBySig}, in this contract's domain ("AIRM UsageAttestations", "1", chain id, this address).
     * @param request what is attested
     * @param attester the signing attester
     * @param nonce the attester's nonce the signature is for (its current {nonces} value to be usable)
     * @param deadline last Unix time at which the signature may be used
     */
    function hashAttestation(AttestationRequest calldata request, address attester, uint256 nonce, uint256 deadline)
        external
        view
        returns (bytes32);

    /**
     * @notice Returns the nonce the next {attestBySig} signature of `owner` must use.
     * @param owner the attester
     */
    function nonces(address owner) external view returns (uint256);

    /// @notice Returns the EIP-712 type hash of the signed `Attestation` message.
    function ATTESTATION_TYPEHASH() external view returns (bytes32);

    /// @notice Returns the role allowed to attest, granted by the admin (DEFAULT_ADMIN_ROLE) to AI companies.
    function ATTESTER_ROLE() external view returns (bytes32);
}
