// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/**
 * @title RewardsVm
 * @notice The extra forge cheatcodes the RewardDistributor tests use (time, balances, multi-call pranks), declared
 * beside test/utils/Vm.sol rather than in it so the shared interface stays untouched. Same cheatcode address.
 */
interface RewardsVm {
    function warp(uint256 newTimestamp) external;
    function deal(address account, uint256 newBalance) external;
    function startPrank(address msgSender) external;
    function stopPrank() external;
    function expectRevert() external;
}
