// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/**
 * @title DevToken
 * @notice DEVELOPMENT AND TEST ONLY. An ERC-20 ("AIRM Dev Token", ADT, 18 decimals) that anyone can mint in any amount,
 * so that local chains and tests can fund ERC-20 reward pools. It is worth nothing and must never be deployed where a
 * balance could be mistaken for value: {mint} has no access control by design.
 */
contract DevToken is ERC20 {
    /// @notice Deploys the token with no supply; balances come from {mint}.
    constructor() ERC20("AIRM Dev Token", "ADT") {}

    /**
     * @notice Creates `amount` tokens (in the smallest unit, 18 decimals) for `to`. Open to every caller: dev/test only.
     * @dev Emits {IERC20-Transfer} from the zero address. Reverts for `to == address(0)` and on total supply overflow.
     * @param to the account credited
     * @param amount how many units to create
     */
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }
}
