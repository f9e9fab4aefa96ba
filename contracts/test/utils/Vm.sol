// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/**
 * @title Vm
 * @notice The few forge cheatcodes these tests use, declared here instead of depending on forge-std (the npm copy of
 * forge-std is an old unofficial one). Signatures are those of Foundry's `Vm.sol`; the cheatcode contract lives at
 * address(uint160(uint256(keccak256("hevm cheat code")))) = 0x7109709ECfa91a80626fF3989D68f67F5b1DD12D.
 */
interface Vm {
    /// @dev What `lastCallGas` reports about the most recent call made by the test (the callee's own frame).
    struct Gas {
        uint64 gasLimit;
        uint64 gasTotalUsed;
        uint64 gasMemoryUsed;
        int64 gasRefunded;
        uint64 gasRemaining;
    }

    // Callers and environment
    function prank(address msgSender) external;
    function chainId(uint256 newChainId) external;
    function addr(uint256 privateKey) external pure returns (address keyAddr);
    function sign(uint256 privateKey, bytes32 digest) external pure returns (uint8 v, bytes32 r, bytes32 s);

    // Expectations on the next call
    function expectRevert(bytes calldata revertData) external;
    function expectRevert(bytes4 revertData) external;
    function expectEmit(bool checkTopic1, bool checkTopic2, bool checkTopic3, bool checkData, address emitter) external;

    // Files (foundry.toml grants read access to test/vectors) and EIP-712 typed data, hashed by Foundry (alloy)
    function readFile(string calldata path) external view returns (string memory data);
    function eip712HashTypedData(string calldata jsonData) external pure returns (bytes32 digest);

    // Fuzzing
    function assume(bool condition) external pure;

    // Gas: `cool` makes an account and its storage cold again, as at the start of a new transaction
    function cool(address target) external;
    function lastCallGas() external view returns (Gas memory gas);
    function pauseGasMetering() external;
    function resumeGasMetering() external;

    // Assertions (revert with the message and both values on failure)
    function assertTrue(bool condition, string calldata error) external pure;
    function assertFalse(bool condition, string calldata error) external pure;
    function assertEq(bool left, bool right, string calldata error) external pure;
    function assertEq(uint256 left, uint256 right, string calldata error) external pure;
    function assertEq(address left, address right, string calldata error) external pure;
    function assertEq(bytes32 left, bytes32 right, string calldata error) external pure;
    function assertEq(string calldata left, string calldata right, string calldata error) external pure;
    function assertNotEq(bytes32 left, bytes32 right, string calldata error) external pure;
    function assertLt(uint256 left, uint256 right, string calldata error) external pure;
}
