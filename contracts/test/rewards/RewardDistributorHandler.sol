// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IRewardDistributor} from "../../src/IRewardDistributor.sol";
import {RewardDistributor} from "../../src/RewardDistributor.sol";
import {TestBase} from "../utils/TestBase.sol";
import {MockERC20} from "./MockTokens.sol";
import {RewardsVm} from "./RewardsVm.sol";
import {StandardMerkleTreeReference as Tree} from "./StandardMerkleTreeReference.sol";

/**
 * @notice Drives a RewardDistributor through random funding, posting, challenges, claims (honest, replayed and
 * inflated), time and refunds, holding every role and funding every pool, and keeps ghost totals per token.
 * Pools: 1 = ETH, 2 = plain ERC-20, 3 = 10 % fee-on-transfer ERC-20.
 */
contract RewardDistributorHandler is TestBase {
    RewardsVm internal constant rvm = RewardsVm(address(uint160(uint256(keccak256("hevm cheat code")))));
    uint256 internal constant POOLS = 3;
    uint256 internal constant LEAVES = 6;

    RewardDistributor public immutable distributor;
    address[POOLS + 1] public tokenOf;

    mapping(address token => uint256) public deposits;
    mapping(address token => uint256) public claims;
    mapping(address token => uint256) public refunds;
    mapping(uint256 poolId => mapping(uint256 index => uint256)) public timesPaid;
    bool public doublePaid;
    bool public inflatedClaimPaid;
    uint256 public successfulClaims;

    mapping(uint256 poolId => uint256[LEAVES]) internal _amounts;
    mapping(uint256 poolId => uint256) internal _seed;

    constructor(RewardDistributor distributor_, address plain, address fee) {
        distributor = distributor_;
        address[3] memory tokens = [address(0), plain, fee];
        for (uint256 i = 0; i < POOLS; ++i) {
            uint256 poolId = distributor.createPool(i, tokens[i], uint64(block.timestamp + 20 days));
            tokenOf[poolId] = tokens[i];
            if (tokens[i] != address(0)) MockERC20(tokens[i]).approve(address(distributor), type(uint256).max);
        }
    }

    receive() external payable {}

    function _pool(uint256 seed) internal pure returns (uint256) {
        return seed % POOLS + 1;
    }

    function _account(uint256 poolId, uint256 k) internal pure returns (address) {
        return address(uint160(0x10000 + poolId * 100 + k));
    }

    function _leaves(uint256 poolId) internal view returns (bytes32[] memory l) {
        l = new bytes32[](LEAVES);
        for (uint256 k = 0; k < LEAVES; ++k) {
            l[k] = Tree.leaf(k, _account(poolId, k), _amounts[poolId][k]);
        }
    }

    function fund(uint256 poolSeed, uint256 amount) external {
        uint256 poolId = _pool(poolSeed);
        amount = bound(amount, 1, 1e24);
        address token = tokenOf[poolId];
        uint256 before = token == address(0) ? address(distributor).balance : MockERC20(token).balanceOf(address(distributor));
        if (token == address(0)) {
            rvm.deal(address(this), address(this).balance + amount);
            try distributor.fund{value: amount}(poolId, amount) {} catch { return; }
        } else {
            MockERC20(token).mint(address(this), amount);
            try distributor.fund(poolId, amount) {} catch { return; }
        }
        uint256 afterBalance =
            token == address(0) ? address(distributor).balance : MockERC20(token).balanceOf(address(distributor));
        deposits[token] += afterBalance - before;
    }

    function post(uint256 poolSeed, uint256 seed) external {
        uint256 poolId = _pool(poolSeed);
        IRewardDistributor.Pool memory p = distributor.pool(poolId);
        uint256 available = p.funded - p.refunded;
        uint256 total;
        uint256[LEAVES] memory amounts;
        bytes32[] memory leaves = new bytes32[](LEAVES);
        for (uint256 k = 0; k < LEAVES; ++k) {
            // Each leaf gets up to a sixth of what the pool holds; sometimes a leaf asks for more than its share.
            amounts[k] = uint256(keccak256(abi.encode(seed, k))) % (available / LEAVES + 1);
            leaves[k] = Tree.leaf(k, _account(poolId, k), amounts[k]);
            total += amounts[k];
        }
        bytes32 root = Tree.rootAndProofRoot(leaves);
        // Declare a total below the tree's sum now and then: claims must stop at the declared total.
        if (seed % 4 == 0 && total > 0) total -= 1;
        // The ghost amounts change only with the posted root: after a refused post, claims are still judged
        // against the distribution on chain, so an honest claim of it is never counted as inflated.
        try distributor.postDistribution(poolId, root, total, bytes32(seed), "cid") {
            _amounts[poolId] = amounts;
            _seed[poolId] = seed;
        } catch {}
    }

    function challenge(uint256 poolSeed, bool upheld) external {
        uint256 poolId = _pool(poolSeed);
        try distributor.challenge(poolId, "handler") {} catch { return; }
        try distributor.resolveChallenge(poolId, upheld) {} catch {}
    }

    function claim(uint256 poolSeed, uint256 k, bool inflate) external {
        uint256 poolId = _pool(poolSeed);
        k = k % LEAVES;
        if (distributor.distribution(poolId).status == IRewardDistributor.DistributionStatus.None) return;
        (, bytes32[] memory proof) = Tree.rootAndProof(_leaves(poolId), k);
        uint256 amount = _amounts[poolId][k] + (inflate ? 1 : 0);
        try distributor.claim(poolId, k, _account(poolId, k), amount, proof) {
            if (inflate) inflatedClaimPaid = true;
            if (++timesPaid[poolId][k] > 1) doublePaid = true;
            claims[tokenOf[poolId]] += amount;
            ++successfulClaims;
        } catch {}
    }

    function warp(uint256 secondsAhead) external {
        rvm.warp(block.timestamp + bound(secondsAhead, 0, 3 days));
    }

    function refund(uint256 poolSeed) external {
        uint256 poolId = _pool(poolSeed);
        try distributor.requestRefund(poolId) {} catch {}
        uint256 before = distributor.pool(poolId).refunded;
        try distributor.refund(poolId) {
            refunds[tokenOf[poolId]] += distributor.pool(poolId).refunded - before;
        } catch {}
    }
}
