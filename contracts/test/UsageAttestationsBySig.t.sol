// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";

import {IUsageAttestations} from "../src/IUsageAttestations.sol";
import {UsageAttestations} from "../src/UsageAttestations.sol";
import {UsageAttestationsTestBase} from "./attestations/UsageAttestationsTestBase.sol";

/**
 * @notice Delegated attestation (attestBySig): the EIP-712 digest checked against a hand-built one and against
 * Foundry's own typed-data hasher (alloy), and every way a signature can be refused.
 */
contract UsageAttestationsBySigTest is UsageAttestationsTestBase {
    // Golden digest for the Java side: _request() signed by vm.addr(0xA77E57) with nonce 0 and deadline 1767225600,
    // in the domain of the contract that setUp deploys (0x5615dEB798BB3E4dFa0139dFa1b3D433Cc23b72f, chain 31337).
    address internal constant GOLDEN_CONTRACT = 0x5615dEB798BB3E4dFa0139dFa1b3D433Cc23b72f;
    uint256 internal constant DEADLINE = 1_767_225_600;
    // Computed with cast (keccak/abi-encode), independently of the contract; signer 0x501D9b198010BC786D8b0DAc53ac700c8ACdc02d.
    bytes32 internal constant GOLDEN_DIGEST = 0xf10a23bbcf6d45573244ce5df1ef2ba70878ce7d99798467bd7ae78a9ae3ab68;
    bytes32 internal constant GOLDEN_TYPEHASH = 0x716680d723cdfbfab90e18c950407bdae610344c92b538e3f215231c06b328c7;

    // ---- hashing ----

    function test_typehash() public view {
        vm.assertEq(att.ATTESTATION_TYPEHASH(), keccak256(bytes(TYPE_STRING)), "type hash");
        vm.assertEq(att.ATTESTATION_TYPEHASH(), GOLDEN_TYPEHASH, "golden type hash");
    }

    function test_hashAttestation_matchesHandBuiltDigest() public view {
        IUsageAttestations.AttestationRequest memory r = _request();
        vm.assertEq(address(att), GOLDEN_CONTRACT, "deployment address of the golden vector");
        vm.assertEq(attester, 0x501D9b198010BC786D8b0DAc53ac700c8ACdc02d, "golden signer");
        vm.assertEq(att.hashAttestation(r, attester, 0, DEADLINE), GOLDEN_DIGEST, "golden digest");
        vm.assertEq(
            att.hashAttestation(r, attester, 0, DEADLINE),
            _handDigest(r, attester, 0, DEADLINE, block.chainid, address(att)),
            "hand-built digest"
        );
        vm.assertEq(
            att.hashAttestation(r, attester, 5, DEADLINE),
            _handDigest(r, attester, 5, DEADLINE, block.chainid, address(att)),
            "digest with another nonce"
        );
    }

    function test_hashAttestation_matchesFoundryTypedDataHasher() public view {
        IUsageAttestations.AttestationRequest memory r = _request();
        bytes32 digest = vm.eip712HashTypedData(_typedDataJson(r, attester, 0, DEADLINE));
        vm.assertEq(att.hashAttestation(r, attester, 0, DEADLINE), digest, "alloy digest");
    }

    /// @dev The typed data as `eth_signTypedData_v4` JSON, which Foundry hashes with alloy.
    function _typedDataJson(
        IUsageAttestations.AttestationRequest memory r,
        address signer,
        uint256 nonce,
        uint256 deadline
    ) internal view returns (string memory) {
        string memory types = string.concat(
            '{"types":{"EIP712Domain":[{"name":"name","type":"string"},{"name":"version","type":"string"},',
            '{"name":"chainId","type":"uint256"},{"name":"verifyingContract","type":"address"}],',
            '"Attestation":[{"name":"modelId","type":"bytes32"},{"name":"modelVersion","type":"string"},',
            '{"name":"worksRoot","type":"bytes32"},{"name":"workCount","type":"uint32"},',
            '{"name":"evidenceDigest","type":"bytes32"},{"name":"attester","type":"address"},',
            '{"name":"nonce","type":"uint256"},{"name":"deadline","type":"uint256"}]},'
        );
        string memory domain = string.concat(
            '"primaryType":"Attestation","domain":{"name":"AIRM UsageAttestations","version":"1","chainId":',
            vmx.toString(block.chainid),
            ',"verifyingContract":"',
            vmx.toString(address(att)),
            '"},'
        );
        string memory message = string.concat(
            '"message":{"modelId":"',
            vmx.toString(r.modelId),
            '","modelVersion":"',
            r.modelVersion,
            '","worksRoot":"',
            vmx.toString(r.worksRoot),
            '","workCount":',
            vmx.toString(uint256(r.workCount)),
            ',"evidenceDigest":"',
            vmx.toString(r.evidenceDigest)
        );
        message = string.concat(
            message,
            '","attester":"',
            vmx.toString(signer),
            '","nonce":',
            vmx.toString(nonce),
            ',"deadline":',
            vmx.toString(deadline),
            "}}"
        );
        return string.concat(types, domain, message);
    }

    // ---- success ----

    function test_attestBySig_relayedByAnyone() public {
        IUsageAttestations.AttestationRequest memory r = _request();
        bytes memory sig = _signFor(att, ATTESTER_KEY, r, attester, DEADLINE);
        bytes32 signed = att.hashAttestation(r, attester, 0, DEADLINE);
        _expectAttested(1, attester, signed, r);
        vm.prank(RELAYER);
        uint256 id = att.attestBySig(r, attester, DEADLINE, sig);
        vm.assertEq(id, 1, "id");
        _assertStored(id, r, attester, block.timestamp, signed);
        vm.assertEq(att.nonces(attester), 1, "nonce consumed");
        vm.assertEq(att.nonces(RELAYER), 0, "relayer's nonce untouched");
    }

    function test_attestBySig_sequentialNonces() public {
        IUsageAttestations.AttestationRequest memory r = _request();
        for (uint256 i = 0; i < 3; ++i) {
            bytes memory sig = _signFor(att, ATTESTER_KEY, r, attester, DEADLINE);
            vm.prank(RELAYER);
            vm.assertEq(att.attestBySig(r, attester, DEADLINE, sig), i + 1, "id");
            vm.assertEq(att.nonces(attester), i + 1, "nonce");
            vm.assertEq(
                att.attestation(i + 1).digest,
                _handDigest(r, attester, i, DEADLINE, block.chainid, address(att)),
                "stored digest is the signed one"
            );
        }
    }

    function test_attestBySig_validAtDeadline() public {
        IUsageAttestations.AttestationRequest memory r = _request();
        uint256 deadline = block.timestamp;
        bytes memory sig = _signFor(att, ATTESTER_KEY, r, attester, deadline);
        att.attestBySig(r, attester, deadline, sig);
    }

    function test_attestBySig_attesterCanRevokeDirectly() public {
        IUsageAttestations.AttestationRequest memory r = _request();
        uint256 id = att.attestBySig(r, attester, DEADLINE, _signFor(att, ATTESTER_KEY, r, attester, DEADLINE));
        vm.prank(RELAYER);
        vm.expectRevert(abi.encodeWithSelector(IUsageAttestations.UsageAttestationsNotAttester.selector, id, RELAYER));
        att.revoke(id);
        vm.prank(attester);
        att.revoke(id);
    }

    function test_attestBySig_storedDigestIsTheSignedOne_whateverIdTheRecordGets() public {
        // The company signs before anything is known of where its attestation will land.
        IUsageAttestations.AttestationRequest memory r = _request();
        bytes32 signed = att.hashAttestation(r, attester, 0, DEADLINE);
        bytes memory sig = _sign(ATTESTER_KEY, signed);
        // Meanwhile another attester's records take ids 1 and 2, and time passes.
        bytes32 role = att.ATTESTER_ROLE();
        vm.prank(ADMIN);
        att.grantRole(role, other);
        vmx.startPrank(other);
        att.attest(r);
        att.attest(r);
        vmx.stopPrank();
        vmx.warp(block.timestamp + 3600);
        vm.prank(RELAYER);
        uint256 id = att.attestBySig(r, attester, DEADLINE, sig);
        vm.assertEq(id, 3, "id");
        _assertStored(id, r, attester, block.timestamp, signed);
    }

    function test_attestBySig_refusedAfterTheAttesterUsedTheNonceDirectly() public {
        IUsageAttestations.AttestationRequest memory r = _request();
        (uint8 v, bytes32 sr, bytes32 ss) = vm.sign(ATTESTER_KEY, att.hashAttestation(r, attester, 0, DEADLINE));
        vm.prank(attester);
        att.attest(r); // consumes nonce 0
        address recovered = ecrecover(att.hashAttestation(r, attester, 1, DEADLINE), v, sr, ss);
        vm.expectRevert(
            abi.encodeWithSelector(IUsageAttestations.UsageAttestationsInvalidSigner.selector, recovered, attester)
        );
        att.attestBySig(r, attester, DEADLINE, abi.encodePacked(sr, ss, v));
    }

    // ---- refusals ----

    function test_attestBySig_rejectsExpiredDeadline() public {
        IUsageAttestations.AttestationRequest memory r = _request();
        uint256 deadline = block.timestamp - 1;
        bytes memory sig = _signFor(att, ATTESTER_KEY, r, attester, deadline);
        vm.expectRevert(
            abi.encodeWithSelector(IUsageAttestations.UsageAttestationsExpiredSignature.selector, deadline)
        );
        att.attestBySig(r, attester, deadline, sig);
    }

    function test_attestBySig_rejectsWrongSigner() public {
        IUsageAttestations.AttestationRequest memory r = _request();
        bytes memory sig = _signFor(att, OTHER_KEY, r, attester, DEADLINE);
        vm.expectRevert(
            abi.encodeWithSelector(IUsageAttestations.UsageAttestationsInvalidSigner.selector, other, attester)
        );
        att.attestBySig(r, attester, DEADLINE, sig);
    }

    function test_attestBySig_rejectsSignerWithoutRole() public {
        IUsageAttestations.AttestationRequest memory r = _request();
        bytes memory sig = _signFor(att, OTHER_KEY, r, other, DEADLINE);
        vm.expectRevert(
            abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, other, att.ATTESTER_ROLE())
        );
        att.attestBySig(r, other, DEADLINE, sig);
    }

    function test_attestBySig_rejectsSignerWhoseRoleWasRevoked() public {
        IUsageAttestations.AttestationRequest memory r = _request();
        bytes memory sig = _signFor(att, ATTESTER_KEY, r, attester, DEADLINE);
        bytes32 role = att.ATTESTER_ROLE();
        vm.prank(ADMIN);
        att.revokeRole(role, attester);
        vm.expectRevert(abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, attester, role));
        att.attestBySig(r, attester, DEADLINE, sig);
    }

    function test_attestBySig_rejectsReplay() public {
        IUsageAttestations.AttestationRequest memory r = _request();
        bytes32 digest = att.hashAttestation(r, attester, 0, DEADLINE);
        (uint8 v, bytes32 sr, bytes32 ss) = vm.sign(ATTESTER_KEY, digest);
        bytes memory sig = abi.encodePacked(sr, ss, v);
        att.attestBySig(r, attester, DEADLINE, sig);
        // The contract now hashes with nonce 1, so the old signature recovers to an unrelated address.
        address recovered = ecrecover(att.hashAttestation(r, attester, 1, DEADLINE), v, sr, ss);
        vm.expectRevert(
            abi.encodeWithSelector(IUsageAttestations.UsageAttestationsInvalidSigner.selector, recovered, attester)
        );
        att.attestBySig(r, attester, DEADLINE, sig);
    }

    function test_attestBySig_rejectsSignatureForAFutureNonce() public {
        IUsageAttestations.AttestationRequest memory r = _request();
        bytes32 digest = att.hashAttestation(r, attester, 1, DEADLINE);
        (uint8 v, bytes32 sr, bytes32 ss) = vm.sign(ATTESTER_KEY, digest);
        address recovered = ecrecover(att.hashAttestation(r, attester, 0, DEADLINE), v, sr, ss);
        vm.expectRevert(
            abi.encodeWithSelector(IUsageAttestations.UsageAttestationsInvalidSigner.selector, recovered, attester)
        );
        att.attestBySig(r, attester, DEADLINE, abi.encodePacked(sr, ss, v));
    }

    function test_attestBySig_rejectsSignatureForAnotherChain() public {
        IUsageAttestations.AttestationRequest memory r = _request();
        (uint8 v, bytes32 sr, bytes32 ss) = vm.sign(ATTESTER_KEY, att.hashAttestation(r, attester, 0, DEADLINE));
        vm.chainId(1);
        bytes32 mainnetDigest = att.hashAttestation(r, attester, 0, DEADLINE);
        vm.assertEq(mainnetDigest, _handDigest(r, attester, 0, DEADLINE, 1, address(att)), "domain follows chain id");
        address recovered = ecrecover(mainnetDigest, v, sr, ss);
        vm.expectRevert(
            abi.encodeWithSelector(IUsageAttestations.UsageAttestationsInvalidSigner.selector, recovered, attester)
        );
        att.attestBySig(r, attester, DEADLINE, abi.encodePacked(sr, ss, v));
    }

    function test_attestBySig_rejectsSignatureForAnotherDeployment() public {
        UsageAttestations second = new UsageAttestations(ADMIN);
        bytes32 role = second.ATTESTER_ROLE();
        vm.prank(ADMIN);
        second.grantRole(role, attester);
        IUsageAttestations.AttestationRequest memory r = _request();
        (uint8 v, bytes32 sr, bytes32 ss) = vm.sign(ATTESTER_KEY, att.hashAttestation(r, attester, 0, DEADLINE));
        address recovered = ecrecover(second.hashAttestation(r, attester, 0, DEADLINE), v, sr, ss);
        vm.expectRevert(
            abi.encodeWithSelector(IUsageAttestations.UsageAttestationsInvalidSigner.selector, recovered, attester)
        );
        second.attestBySig(r, attester, DEADLINE, abi.encodePacked(sr, ss, v));
        // ...while it is good where it was meant to be used.
        att.attestBySig(r, attester, DEADLINE, abi.encodePacked(sr, ss, v));
    }

    function test_attestBySig_rejectsHighS() public {
        IUsageAttestations.AttestationRequest memory r = _request();
        (uint8 v, bytes32 sr, bytes32 ss) = vm.sign(ATTESTER_KEY, att.hashAttestation(r, attester, 0, DEADLINE));
        // The malleated twin (n - s, flipped v) is just as valid to ecrecover...
        bytes32 highS = bytes32(SECP256K1_N - uint256(ss));
        uint8 flippedV = v == 27 ? 28 : 27;
        vm.assertEq(
            ecrecover(att.hashAttestation(r, attester, 0, DEADLINE), flippedV, sr, highS), attester, "twin recovers"
        );
        // ...but OpenZeppelin's ECDSA refuses it.
        vm.expectRevert(abi.encodeWithSelector(ECDSA.ECDSAInvalidSignatureS.selector, highS));
        att.attestBySig(r, attester, DEADLINE, abi.encodePacked(sr, highS, flippedV));
    }

    function test_attestBySig_rejectsBadSignatureLengthAndGarbage() public {
        IUsageAttestations.AttestationRequest memory r = _request();
        bytes memory sig = _signFor(att, ATTESTER_KEY, r, attester, DEADLINE);
        bytes memory short = new bytes(64);
        for (uint256 i = 0; i < 64; ++i) short[i] = sig[i];
        vm.expectRevert(abi.encodeWithSelector(ECDSA.ECDSAInvalidSignatureLength.selector, 64));
        att.attestBySig(r, attester, DEADLINE, short);

        sig[64] = bytes1(uint8(29)); // v neither 27 nor 28
        vm.expectRevert(ECDSA.ECDSAInvalidSignature.selector);
        att.attestBySig(r, attester, DEADLINE, sig);
    }

    function test_attestBySig_rejectsTamperedRequest() public {
        IUsageAttestations.AttestationRequest memory r = _request();
        bytes32 digest = att.hashAttestation(r, attester, 0, DEADLINE);
        (uint8 v, bytes32 sr, bytes32 ss) = vm.sign(ATTESTER_KEY, digest);
        r.modelVersion = "2025-06-01-rc2";
        address recovered = ecrecover(att.hashAttestation(r, attester, 0, DEADLINE), v, sr, ss);
        vm.expectRevert(
            abi.encodeWithSelector(IUsageAttestations.UsageAttestationsInvalidSigner.selector, recovered, attester)
        );
        att.attestBySig(r, attester, DEADLINE, abi.encodePacked(sr, ss, v));
    }

    function test_attestBySig_rejectsZeroFields() public {
        IUsageAttestations.AttestationRequest memory r = _request();
        r.worksRoot = bytes32(0);
        bytes memory sig = _signFor(att, ATTESTER_KEY, r, attester, DEADLINE);
        vm.expectRevert(IUsageAttestations.UsageAttestationsZeroWorksRoot.selector);
        att.attestBySig(r, attester, DEADLINE, sig);

        r = _request();
        r.workCount = 0;
        sig = _signFor(att, ATTESTER_KEY, r, attester, DEADLINE);
        vm.expectRevert(IUsageAttestations.UsageAttestationsZeroWorkCount.selector);
        att.attestBySig(r, attester, DEADLINE, sig);

        r = _request();
        r.evidenceDigest = bytes32(0);
        sig = _signFor(att, ATTESTER_KEY, r, attester, DEADLINE);
        vm.expectRevert(IUsageAttestations.UsageAttestationsZeroEvidenceDigest.selector);
        att.attestBySig(r, attester, DEADLINE, sig);
        vm.assertEq(att.nonces(attester), 0, "refused requests use no nonce");
    }

    // ---- fuzz ----

    /// @dev A random key signing for itself succeeds only once the admin has granted it the role.
    function testFuzz_attestBySig_randomSignersFailUnlessGranted(uint256 key, bool granted) public {
        key = bound(key, 1, SECP256K1_N - 1);
        address signer = vm.addr(key);
        vm.assume(signer != attester);
        IUsageAttestations.AttestationRequest memory r = _request();
        bytes memory sig = _signFor(att, key, r, signer, DEADLINE);
        bytes32 role = att.ATTESTER_ROLE();
        if (granted) {
            vm.prank(ADMIN);
            att.grantRole(role, signer);
        } else {
            vm.expectRevert(abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, signer, role));
        }
        vm.prank(RELAYER);
        att.attestBySig(r, signer, DEADLINE, sig);
        vm.assertEq(att.nonces(signer), granted ? 1 : 0, "nonce used only on success");
    }

    /// @dev A random key signing on behalf of the granted attester is always refused.
    function testFuzz_attestBySig_randomSignersCannotImpersonate(uint256 key) public {
        key = bound(key, 1, SECP256K1_N - 1);
        vm.assume(key != ATTESTER_KEY);
        IUsageAttestations.AttestationRequest memory r = _request();
        bytes memory sig = _signFor(att, key, r, attester, DEADLINE);
        vm.expectRevert(
            abi.encodeWithSelector(IUsageAttestations.UsageAttestationsInvalidSigner.selector, vm.addr(key), attester)
        );
        att.attestBySig(r, attester, DEADLINE, sig);
    }

    /// @dev Any valid request, signed and relayed, is stored with the digest that was signed and emitted with it.
    function testFuzz_attestBySig_storesAndEmitsTheSignedDigest(
        IUsageAttestations.AttestationRequest calldata r,
        uint256 deadline,
        uint64 timestamp
    ) public {
        vm.assume(r.worksRoot != bytes32(0) && r.workCount != 0 && r.evidenceDigest != bytes32(0));
        deadline = bound(deadline, timestamp, type(uint256).max);
        vmx.warp(timestamp);
        bytes32 signed = _handDigest(r, attester, 0, deadline, block.chainid, address(att));
        bytes memory sig = _sign(ATTESTER_KEY, signed);
        _expectAttested(1, attester, signed, r);
        vm.prank(RELAYER);
        uint256 id = att.attestBySig(r, attester, deadline, sig);
        _assertStored(id, r, attester, timestamp, signed);
    }

    function testFuzz_hashAttestation_matchesHandBuiltDigest(
        IUsageAttestations.AttestationRequest calldata r,
        address signer,
        uint256 nonce,
        uint256 deadline,
        uint64 chainId
    ) public {
        vm.chainId(chainId);
        vm.assertEq(
            att.hashAttestation(r, signer, nonce, deadline),
            _handDigest(r, signer, nonce, deadline, chainId, address(att)),
            "digest"
        );
    }
}
