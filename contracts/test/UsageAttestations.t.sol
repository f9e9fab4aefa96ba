// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";

import {IUsageAttestations} from "../src/IUsageAttestations.sol";
import {UsageAttestations} from "../src/UsageAttestations.sol";
import {UsageAttestationsTestBase} from "./attestations/UsageAttestationsTestBase.sol";

/// @notice Direct attestation, revocation, reads and access control of UsageAttestations.
contract UsageAttestationsTest is UsageAttestationsTestBase {
    // ---- deployment ----

    function test_constructor_setsAdminOnly() public view {
        vm.assertTrue(att.hasRole(att.DEFAULT_ADMIN_ROLE(), ADMIN), "admin");
        vm.assertFalse(att.hasRole(att.ATTESTER_ROLE(), ADMIN), "admin is not an attester");
        vm.assertEq(att.attestationCount(), 0, "no attestations");
        vm.assertEq(att.ATTESTER_ROLE(), keccak256("ATTESTER_ROLE"), "role id");
    }

    function test_constructor_rejectsZeroAdmin() public {
        vm.expectRevert(IUsageAttestations.UsageAttestationsZeroAdmin.selector);
        new UsageAttestations(address(0));
    }

    // ---- attest ----

    function test_attest_storesEmitsAndNumbersFromOne() public {
        IUsageAttestations.AttestationRequest memory r = _request();
        bytes32 first = _directDigest(r, attester);
        _expectAttested(1, attester, first, r);
        vm.prank(attester);
        uint256 id = att.attest(r);
        vm.assertEq(id, 1, "first id");
        _assertStored(1, r, attester, block.timestamp, first);

        r.modelVersion = "";
        vmx.warp(block.timestamp + 10);
        bytes32 second = _directDigest(r, attester);
        _expectAttested(2, attester, second, r);
        vm.prank(attester);
        vm.assertEq(att.attest(r), 2, "second id");
        _assertStored(2, r, attester, block.timestamp, second);
        vm.assertEq(att.attestationCount(), 2, "count");
    }

    function test_attest_sameRequestTwice_getsDistinctDigests() public {
        // Same request, same block: only the consumed nonce tells the two records apart.
        IUsageAttestations.AttestationRequest memory r = _request();
        vmx.startPrank(attester);
        uint256 first = att.attest(r);
        uint256 second = att.attest(r);
        vmx.stopPrank();
        vm.assertEq(att.attestation(first).digest, att.hashAttestation(r, attester, 0, block.timestamp), "nonce 0");
        vm.assertEq(att.attestation(second).digest, att.hashAttestation(r, attester, 1, block.timestamp), "nonce 1");
        vm.assertTrue(att.attestation(first).digest != att.attestation(second).digest, "distinct");
    }

    function test_attest_consumesTheNonce() public {
        vm.assertEq(att.nonces(attester), 0, "fresh");
        vm.prank(attester);
        att.attest(_request());
        vm.assertEq(att.nonces(attester), 1, "consumed");
        vm.assertEq(att.nonces(other), 0, "others untouched");
    }

    function test_attest_storedDigestIsTheContractsOwnHash() public {
        IUsageAttestations.AttestationRequest memory r = _request();
        bytes32 expected = att.hashAttestation(r, attester, att.nonces(attester), block.timestamp);
        vm.prank(attester);
        uint256 id = att.attest(r);
        vm.assertEq(att.attestation(id).digest, expected, "hashAttestation(request, caller, nonce, now)");
    }

    function test_attest_longModelVersionIsHashed() public {
        IUsageAttestations.AttestationRequest memory r = _request();
        r.modelVersion = unicode"a-very-long-version-string-that-does-not-fit-one-slot-– Müller/2025.06.01+build.7";
        bytes32 digest = _directDigest(r, attester);
        vm.prank(attester);
        uint256 id = att.attest(r);
        _assertStored(id, r, attester, block.timestamp, digest);
    }

    function test_attest_revertsWithoutRole() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector, other, att.ATTESTER_ROLE()
            )
        );
        vm.prank(other);
        att.attest(_request());
    }

    function test_attest_adminIsNotAttester() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector, ADMIN, att.ATTESTER_ROLE()
            )
        );
        vm.prank(ADMIN);
        att.attest(_request());
    }

    function test_attest_revertsAfterRoleRevoked() public {
        bytes32 role = att.ATTESTER_ROLE();
        vm.prank(ADMIN);
        att.revokeRole(role, attester);
        vm.expectRevert(abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, attester, role));
        vm.prank(attester);
        att.attest(_request());
    }

    function test_attest_rejectsZeroWorksRoot() public {
        IUsageAttestations.AttestationRequest memory r = _request();
        r.worksRoot = bytes32(0);
        vm.expectRevert(IUsageAttestations.UsageAttestationsZeroWorksRoot.selector);
        vm.prank(attester);
        att.attest(r);
    }

    function test_attest_rejectsZeroWorkCount() public {
        IUsageAttestations.AttestationRequest memory r = _request();
        r.workCount = 0;
        vm.expectRevert(IUsageAttestations.UsageAttestationsZeroWorkCount.selector);
        vm.prank(attester);
        att.attest(r);
    }

    function test_attest_rejectsZeroEvidenceDigest() public {
        IUsageAttestations.AttestationRequest memory r = _request();
        r.evidenceDigest = bytes32(0);
        vm.expectRevert(IUsageAttestations.UsageAttestationsZeroEvidenceDigest.selector);
        vm.prank(attester);
        att.attest(r);
    }

    function test_attest_acceptsZeroOptionalFields() public {
        // modelId and modelVersion may be zero/empty.
        IUsageAttestations.AttestationRequest memory r = _request();
        r.modelId = bytes32(0);
        r.modelVersion = "";
        bytes32 digest = _directDigest(r, attester);
        vm.prank(attester);
        uint256 id = att.attest(r);
        _assertStored(id, r, attester, block.timestamp, digest);
    }

    function test_attest_extremeValues() public {
        IUsageAttestations.AttestationRequest memory r = _request();
        r.workCount = type(uint32).max;
        vmx.warp(type(uint64).max);
        bytes32 digest = _directDigest(r, attester);
        vm.prank(attester);
        uint256 id = att.attest(r);
        _assertStored(id, r, attester, type(uint64).max, digest);
    }

    // ---- reads ----

    function test_attestation_revertsForUnknownIds() public {
        vm.expectRevert(abi.encodeWithSelector(IUsageAttestations.UsageAttestationsUnknownAttestation.selector, 0));
        att.attestation(0);
        vm.expectRevert(abi.encodeWithSelector(IUsageAttestations.UsageAttestationsUnknownAttestation.selector, 1));
        att.attestation(1);
    }

    // ---- revoke ----

    function _attestOne() internal returns (uint256 id) {
        vm.prank(attester);
        id = att.attest(_request());
    }

    function test_revoke_marksRevokedAndKeepsTheRecord() public {
        uint256 id = _attestOne();
        uint256 at = block.timestamp;
        vmx.warp(at + 100);
        vm.expectEmit(true, true, true, true, address(att));
        emit IUsageAttestations.Revoked(id, attester);
        vm.prank(attester);
        att.revoke(id);

        IUsageAttestations.Attestation memory a = att.attestation(id);
        vm.assertTrue(a.revoked, "revoked");
        vm.assertEq(a.attester, attester, "attester kept");
        vm.assertEq(uint256(a.attestedAt), at, "attestedAt kept");
        vm.assertEq(a.worksRoot, _request().worksRoot, "fields kept");
        vm.assertEq(uint256(a.workCount), 1234, "slot 1 kept");
    }

    function test_revoke_onlyOnce() public {
        uint256 id = _attestOne();
        vm.prank(attester);
        att.revoke(id);
        vm.expectRevert(abi.encodeWithSelector(IUsageAttestations.UsageAttestationsAlreadyRevoked.selector, id));
        vm.prank(attester);
        att.revoke(id);
    }

    function test_revoke_revertsForNonAttester() public {
        uint256 id = _attestOne();
        // Another attester, the admin and a stranger are all refused.
        bytes32 role = att.ATTESTER_ROLE();
        vm.prank(ADMIN);
        att.grantRole(role, other);
        address[3] memory callers = [other, ADMIN, address(0x5742)];
        for (uint256 i = 0; i < callers.length; ++i) {
            vm.expectRevert(
                abi.encodeWithSelector(IUsageAttestations.UsageAttestationsNotAttester.selector, id, callers[i])
            );
            vm.prank(callers[i]);
            att.revoke(id);
        }
    }

    function test_revoke_revertsForUnknownId() public {
        vm.expectRevert(abi.encodeWithSelector(IUsageAttestations.UsageAttestationsUnknownAttestation.selector, 7));
        vm.prank(attester);
        att.revoke(7);
    }

    function test_revoke_stillAllowedAfterRoleRemoved() public {
        uint256 id = _attestOne();
        vmx.startPrank(ADMIN);
        att.revokeRole(att.ATTESTER_ROLE(), attester);
        vmx.stopPrank();
        vm.prank(attester);
        att.revoke(id);
        vm.assertTrue(att.attestation(id).revoked, "revoked");
    }

    // ---- role administration ----

    function test_grantRole_onlyAdmin() public {
        bytes32 role = att.ATTESTER_ROLE();
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector, attester, att.DEFAULT_ADMIN_ROLE()
            )
        );
        vm.prank(attester);
        att.grantRole(role, other);
    }

    function test_revokeRole_onlyAdmin() public {
        bytes32 role = att.ATTESTER_ROLE();
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector, other, att.DEFAULT_ADMIN_ROLE()
            )
        );
        vm.prank(other);
        att.revokeRole(role, attester);
    }

    function test_grantRole_byAdminEnablesAttesting() public {
        vmx.startPrank(ADMIN);
        att.grantRole(att.ATTESTER_ROLE(), other);
        vmx.stopPrank();
        vm.prank(other);
        vm.assertEq(att.attest(_request()), 1, "granted account attests");
    }

    // ---- fuzz ----

    function testFuzz_attest_roundTrips(
        bytes32 modelId,
        string calldata modelVersion,
        bytes32 worksRoot,
        uint32 workCount,
        bytes32 evidenceDigest,
        uint64 timestamp,
        uint8 earlier
    ) public {
        vm.assume(worksRoot != bytes32(0) && workCount != 0 && evidenceDigest != bytes32(0));
        IUsageAttestations.AttestationRequest memory r = IUsageAttestations.AttestationRequest({
            modelId: modelId,
            modelVersion: modelVersion,
            worksRoot: worksRoot,
            workCount: workCount,
            evidenceDigest: evidenceDigest
        });
        // Some earlier attestations, so that ids and nonces are not both fresh.
        vmx.startPrank(attester);
        for (uint256 i = 0; i < earlier % 4; ++i) {
            att.attest(_request());
        }
        vmx.stopPrank();
        uint256 expectedId = earlier % 4 + 1;
        vmx.warp(timestamp);
        bytes32 digest = _handDigest(r, attester, earlier % 4, timestamp, block.chainid, address(att));
        _expectAttested(expectedId, attester, digest, r);
        vm.prank(attester);
        uint256 id = att.attest(r);
        vm.assertEq(id, expectedId, "id");
        _assertStored(id, r, attester, timestamp, digest);
        vm.assertEq(att.nonces(attester), expectedId, "one nonce per attestation");
    }

    function testFuzz_attest_onlyGrantedAccounts(address caller, bool granted) public {
        vm.assume(caller != attester);
        bytes32 role = att.ATTESTER_ROLE();
        if (granted) {
            vm.prank(ADMIN);
            att.grantRole(role, caller);
        } else {
            vm.expectRevert(abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, caller, role));
        }
        vm.prank(caller);
        att.attest(_request());
        if (granted) vm.assertEq(att.attestation(1).attester, caller, "recorded attester");
    }

    function testFuzz_revoke_onlyByAttester(address caller) public {
        uint256 id = _attestOne();
        if (caller != attester) {
            vm.expectRevert(
                abi.encodeWithSelector(IUsageAttestations.UsageAttestationsNotAttester.selector, id, caller)
            );
        }
        vm.prank(caller);
        att.revoke(id);
        vm.assertEq(att.attestation(id).revoked, caller == attester, "revoked only by its attester");
    }
}
