// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IRewardDistributor} from "../src/IRewardDistributor.sol";
import {RewardDistributor} from "../src/RewardDistributor.sol";
import {MockERC20} from "./rewards/MockTokens.sol";
import {RewardDistributorTestBase} from "./rewards/RewardDistributorTestBase.sol";
import {StandardMerkleTreeReference as Tree} from "./rewards/StandardMerkleTreeReference.sol";

/**
 * @notice Random allocations, trees built by the StandardMerkleTree reference: every honest claim succeeds once and
 * every tampered one fails. Also the gas of claim (1024-leaf tree) and postDistribution.
 */
contract RewardDistributorFuzzTest is RewardDistributorTestBase {
    MockERC20 internal token;
    uint256 internal poolId;

    function setUp() public {
        _deploy();
        token = new MockERC20();
        poolId = _createPool(address(token));
    }

    function _allocation(uint256 seed, uint256 n)
        internal
        pure
        returns (address[] memory accounts, uint256[] memory amounts, uint256 total)
    {
        accounts = new address[](n);
        amounts = new uint256[](n);
        for (uint256 i = 0; i < n; ++i) {
            accounts[i] = address(uint160(uint256(keccak256(abi.encode(seed, "account", i)))));
            amounts[i] = uint256(keccak256(abi.encode(seed, "amount", i))) % 1e24; // zero amounts allowed
            total += amounts[i];
        }
    }

    function _expectInvalid(uint256 index, address account, uint256 amount, bytes32[] memory proof) internal {
        vm.expectRevert(
            abi.encodeWithSelector(
                IRewardDistributor.RewardDistributorInvalidProof.selector, poolId, index, account, amount
            )
        );
        distributor.claim(poolId, index, account, amount, proof);
    }

    /// forge-config: default.fuzz.runs = 128
    function testFuzz_honestClaimsSucceedOnce_tamperedClaimsFail(uint256 seed, uint256 nSeed, uint256 victimSeed)
        public
    {
        uint256 n = bound(nSeed, 1, 40);
        (address[] memory accounts, uint256[] memory amounts, uint256 total) = _allocation(seed, n);
        bytes32[] memory leaves = _leaves(accounts, amounts);
        (bytes32[] memory tree, uint256[] memory positionOf) = Tree.build(leaves);
        _fundToken(poolId, token, total + 1);
        _post(poolId, tree[0], total);
        _afterWindow();

        uint256 v = bound(victimSeed, 0, n - 1);
        bytes32[] memory proof = Tree.proof(tree, positionOf[v]);
        _expectInvalid(v, accounts[v], amounts[v] + 1, proof); // wrong amount
        _expectInvalid(v, address(uint160(accounts[v]) ^ 1), amounts[v], proof); // wrong account
        _expectInvalid(v + n, accounts[v], amounts[v], proof); // wrong index
        if (proof.length > 0) {
            bytes32[] memory bad = new bytes32[](proof.length);
            for (uint256 i = 0; i < proof.length; ++i) {
                bad[i] = proof[i];
            }
            uint256 at = victimSeed % proof.length;
            bad[at] = bad[at] ^ bytes32(uint256(1) << (8 * ((victimSeed >> 8) % 32))); // one flipped bit
            _expectInvalid(v, accounts[v], amounts[v], bad);
        }

        for (uint256 i = 0; i < n; ++i) {
            uint256 k = (i + v) % n;
            uint256 before = token.balanceOf(accounts[k]);
            distributor.claim(poolId, k, accounts[k], amounts[k], Tree.proof(tree, positionOf[k]));
            vm.assertEq(token.balanceOf(accounts[k]) - before, amounts[k], "paid the leaf amount");
            vm.assertTrue(distributor.isClaimed(poolId, k), "bit set");
        }
        vm.expectRevert(
            abi.encodeWithSelector(IRewardDistributor.RewardDistributorAlreadyClaimed.selector, poolId, v)
        );
        distributor.claim(poolId, v, accounts[v], amounts[v], proof);
        vm.assertEq(distributor.pool(poolId).claimed, total, "claimed == total");
        vm.assertEq(token.balanceOf(address(distributor)), 1, "only the unallocated unit left");
    }

    /// forge-config: default.fuzz.runs = 64
    function testFuzz_referenceProofsMatchOpenZeppelinsVerifier(uint256 seed, uint256 nSeed) public {
        uint256 n = bound(nSeed, 1, 64);
        (address[] memory accounts, uint256[] memory amounts,) = _allocation(seed, n);
        bytes32[] memory leaves = _leaves(accounts, amounts);
        (bytes32[] memory tree, uint256[] memory positionOf) = Tree.build(leaves);
        _fundToken(poolId, token, 1);
        _post(poolId, tree[0], 1);
        for (uint256 k = 0; k < n; ++k) {
            vm.assertEq(distributor.leafHash(k, accounts[k], amounts[k]), leaves[k], "leaf hash");
            vm.assertTrue(
                distributor.verifyClaim(poolId, k, accounts[k], amounts[k], Tree.proof(tree, positionOf[k])),
                "verifies"
            );
        }
    }

    // ---- gas ----

    /// @dev Gas used inside the distributor's frame, its account and storage made cold first as in a transaction.
    function _frameGas(address caller, bytes memory data) internal returns (uint256) {
        vm.cool(address(distributor));
        vm.cool(address(token));
        vm.prank(caller);
        (bool ok,) = address(distributor).call(data);
        require(ok, "call reverted");
        return vm.lastCallGas().gasTotalUsed;
    }

    function test_gas_postDistribution_and_claim_1024Leaves() public {
        vm.pauseGasMetering();
        (address[] memory accounts, uint256[] memory amounts, uint256 total) = _allocation(7, 1024);
        (bytes32[] memory tree, uint256[] memory positionOf) = Tree.build(_leaves(accounts, amounts));
        _fundToken(poolId, token, total);
        vm.resumeGasMetering();

        uint256 postGas = _frameGas(
            OPERATOR,
            abi.encodeCall(
                RewardDistributor.postDistribution,
                (poolId, tree[0], total, keccak256("report"), "bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy")
            )
        );
        _afterWindow();
        bytes32[] memory proof = Tree.proof(tree, positionOf[777]);
        vm.assertTrue(proof.length == 10, "1024 leaves: 10 siblings");
        uint256 firstClaim =
            _frameGas(address(this), abi.encodeCall(RewardDistributor.claim, (poolId, 777, accounts[777], amounts[777], proof)));
        // 778 shares 777's bitmap word and the pool's non-zero claimed sum: the steady-state claim.
        proof = Tree.proof(tree, positionOf[778]);
        uint256 laterClaim =
            _frameGas(address(this), abi.encodeCall(RewardDistributor.claim, (poolId, 778, accounts[778], amounts[778], proof)));
        emit log_named_uint("postDistribution gas (frame)", postGas);
        emit log_named_uint("claim gas, 1024 leaves, first in pool (frame)", firstClaim);
        emit log_named_uint("claim gas, 1024 leaves, later (frame)", laterClaim);
        vm.assertLt(postGas, 150_000, "postDistribution ceiling");
        vm.assertLt(firstClaim, 120_000, "first claim ceiling");
        vm.assertLt(laterClaim, 90_000, "later claim ceiling");
    }

    event log_named_uint(string key, uint256 val);
}
