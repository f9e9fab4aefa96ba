// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";

import {DevToken} from "../src/dev/DevToken.sol";
import {TestBase} from "./utils/TestBase.sol";

/// @notice The dev token: fixed metadata, minting open to anyone, and otherwise a plain OpenZeppelin ERC-20.
contract DevTokenTest is TestBase {
    DevToken internal token;

    function setUp() public {
        token = new DevToken();
    }

    function test_metadata() public view {
        vm.assertEq(token.name(), "AIRM Dev Token", "name");
        vm.assertEq(token.symbol(), "ADT", "symbol");
        vm.assertEq(uint256(token.decimals()), 18, "decimals");
        vm.assertEq(token.totalSupply(), 0, "no initial supply");
    }

    function test_mint_rejectsTheZeroAddress() public {
        vm.expectRevert(abi.encodeWithSelector(IERC20Errors.ERC20InvalidReceiver.selector, address(0)));
        token.mint(address(0), 1);
    }

    function test_approveThenTransferFrom() public {
        address owner = address(0x0A);
        address spender = address(0x5B);
        token.mint(owner, 100);
        vm.prank(owner);
        token.approve(spender, 60);
        vm.prank(spender);
        token.transferFrom(owner, address(0xC0), 60);
        vm.assertEq(token.balanceOf(owner), 40, "owner");
        vm.assertEq(token.balanceOf(address(0xC0)), 60, "recipient");
        vm.assertEq(token.allowance(owner, spender), 0, "allowance used");
        vm.expectRevert(
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientAllowance.selector, spender, 0, 1)
        );
        vm.prank(spender);
        token.transferFrom(owner, spender, 1);
    }

    /// @dev Any caller mints any amount to any account; the supply follows.
    function testFuzz_mint_byAnyone(address caller, address to, uint128 first, uint128 second) public {
        vm.assume(to != address(0));
        vm.expectEmit(true, true, false, true, address(token));
        emit IERC20.Transfer(address(0), to, first);
        vm.prank(caller);
        token.mint(to, first);
        vm.prank(caller);
        token.mint(to, second);
        vm.assertEq(token.balanceOf(to), uint256(first) + second, "balance");
        vm.assertEq(token.totalSupply(), uint256(first) + second, "supply");
    }
}
