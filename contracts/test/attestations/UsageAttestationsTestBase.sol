// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IUsageAttestations} from "../../src/IUsageAttestations.sol";
import {UsageAttestations} from "../../src/UsageAttestations.sol";
import {TestBase} from "../utils/TestBase.sol";

/// @notice The cheatcodes these tests need beyond test/utils/Vm.sol, at the same cheatcode address.
interface AttestationsVm {
    function warp(uint256 newTimestamp) external;
    function expectRevert() external;
    function startPrank(address msgSender) external;
    function stopPrank() external;
    function toString(address value) external pure returns (string memory);
    function toString(bytes32 value) external pure returns (string memory);
    function toString(uint256 value) external pure returns (string memory);
}

/// @notice Fixtures and EIP-712 signing helpers shared by the UsageAttestations tests.
abstract contract UsageAttestationsTestBase is TestBase {
    AttestationsVm internal constant vmx = AttestationsVm(address(uint160(uint256(keccak256("hevm cheat code")))));

    bytes32 internal constant DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    string internal constant TYPE_STRING = "Attestation(bytes32 modelId,string modelVersion,bytes32 worksRoot,"
        "uint32 workCount,bytes32 evidenceDigest,address attester,uint256 nonce,uint256 deadline)";
    /// @dev secp256k1 group order; s must be at most N / 2.
    uint256 internal constant SECP256K1_N = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141;

    address internal constant ADMIN = address(0xAD);
    address internal constant RELAYER = address(0x4E1A7);
    uint256 internal constant ATTESTER_KEY = 0xA77E57;
    uint256 internal constant OTHER_KEY = 0xB0B;

    UsageAttestations internal att;
    address internal attester;
    address internal other;

    function setUp() public virtual {
        att = new UsageAttestations(ADMIN);
        attester = vm.addr(ATTESTER_KEY);
        other = vm.addr(OTHER_KEY);
        bytes32 role = att.ATTESTER_ROLE();
        vm.prank(ADMIN);
        att.grantRole(role, attester);
        vmx.warp(1_750_000_000);
    }

    function _request() internal pure returns (IUsageAttestations.AttestationRequest memory) {
        return IUsageAttestations.AttestationRequest({
            modelId: keccak256("airm-test-model"),
            modelVersion: "2025-06-01-rc1",
            worksRoot: keccak256("works root"),
            workCount: 1234,
            // sha256("evidence"), written out: calling the SHA-256 precompile would consume a prank.
            evidenceDigest: 0xee8250fb76e094b34b471f13a73dbbe51d1ae142e9df59d7c0d31ec20f0a0a8e
        });
    }

    /// @dev The EIP-712 digest built by hand from the specification, sharing no code with the contract.
    function _handDigest(
        IUsageAttestations.AttestationRequest memory r,
        address signer,
        uint256 nonce,
        uint256 deadline,
        uint256 chainId,
        address verifyingContract
    ) internal pure returns (bytes32) {
        bytes32 domainSeparator = keccak256(
            abi.encode(
                DOMAIN_TYPEHASH,
                keccak256("AIRM UsageAttestations"),
                keccak256("1"),
                chainId,
                verifyingContract
            )
        );
        bytes32 structHash = keccak256(
            bytes.concat(
                abi.encode(keccak256(bytes(TYPE_STRING)), r.modelId, keccak256(bytes(r.modelVersion)), r.worksRoot),
                abi.encode(r.workCount, r.evidenceDigest, signer, nonce, deadline)
            )
        );
        return keccak256(abi.encodePacked(hex"1901", domainSeparator, structHash));
    }

    function _sign(uint256 key, bytes32 digest) internal pure returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, digest);
        return abi.encodePacked(r, s, v);
    }

    /// @dev Signs `r` with `key` for `signer` at `signer`'s current nonce, in `target`'s domain.
    function _signFor(
        UsageAttestations target,
        uint256 key,
        IUsageAttestations.AttestationRequest memory r,
        address signer,
        uint256 deadline
    ) internal view returns (bytes memory) {
        return _sign(key, target.hashAttestation(r, signer, target.nonces(signer), deadline));
    }

    /// @dev The digest a direct {attest} by `by` stores: its next nonce and a deadline of the current block's time.
    function _directDigest(IUsageAttestations.AttestationRequest memory r, address by) internal view returns (bytes32) {
        return _handDigest(r, by, att.nonces(by), block.timestamp, block.chainid, address(att));
    }

    function _assertStored(
        uint256 id,
        IUsageAttestations.AttestationRequest memory r,
        address by,
        uint256 at,
        bytes32 digest
    ) internal view {
        IUsageAttestations.Attestation memory a = att.attestation(id);
        vm.assertEq(a.attester, by, "attester");
        vm.assertEq(uint256(a.attestedAt), at, "attestedAt");
        vm.assertFalse(a.revoked, "revoked");
        vm.assertEq(uint256(a.workCount), uint256(r.workCount), "workCount");
        vm.assertEq(a.modelId, r.modelId, "modelId");
        vm.assertEq(a.modelVersionHash, keccak256(bytes(r.modelVersion)), "modelVersionHash");
        vm.assertEq(a.worksRoot, r.worksRoot, "worksRoot");
        vm.assertEq(a.evidenceDigest, r.evidenceDigest, "evidenceDigest");
        vm.assertEq(a.digest, digest, "digest");
    }

    function _expectAttested(uint256 id, address by, bytes32 digest, IUsageAttestations.AttestationRequest memory r)
        internal
    {
        vm.expectEmit(true, true, true, true, address(att));
        emit IUsageAttestations.Attested(
            id, by, digest, r.modelId, r.modelVersion, r.worksRoot, r.workCount, r.evidenceDigest
        );
    }
}
