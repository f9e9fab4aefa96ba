// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// @notice A plain ERC-20 for tests; the hostile variants below override its hooks.
contract MockERC20 {
    mapping(address => uint256) public balanceOf;
    mapping(address => mapping(address => uint256)) public allowance;
    uint256 public totalSupply;

    function mint(address to, uint256 amount) external {
        balanceOf[to] += amount;
        totalSupply += amount;
    }

    function approve(address spender, uint256 amount) external returns (bool) {
        allowance[msg.sender][spender] = amount;
        return true;
    }

    function transfer(address to, uint256 amount) external virtual returns (bool) {
        _move(msg.sender, to, amount);
        return true;
    }

    function transferFrom(address from, address to, uint256 amount) external virtual returns (bool) {
        _spend(from, amount);
        _move(from, to, amount);
        return true;
    }

    function _spend(address from, uint256 amount) internal {
        uint256 allowed = allowance[from][msg.sender];
        require(allowed >= amount, "allowance");
        if (allowed != type(uint256).max) allowance[from][msg.sender] = allowed - amount;
    }

    /// @dev Debits `amount` from `from` and credits `to` with `amount` less the fee, which is burnt.
    function _move(address from, address to, uint256 amount) internal virtual {
        require(balanceOf[from] >= amount, "balance");
        uint256 fee = _fee(amount);
        balanceOf[from] -= amount;
        balanceOf[to] += amount - fee;
        totalSupply -= fee;
    }

    function _fee(uint256) internal view virtual returns (uint256) {
        return 0;
    }
}

/// @notice USDT-style: transfer and transferFrom return nothing.
contract NoReturnToken {
    mapping(address => uint256) public balanceOf;
    mapping(address => mapping(address => uint256)) public allowance;

    function mint(address to, uint256 amount) external {
        balanceOf[to] += amount;
    }

    function approve(address spender, uint256 amount) external {
        allowance[msg.sender][spender] = amount;
    }

    function transfer(address to, uint256 amount) external {
        require(balanceOf[msg.sender] >= amount, "balance");
        balanceOf[msg.sender] -= amount;
        balanceOf[to] += amount;
    }

    function transferFrom(address from, address to, uint256 amount) external {
        require(allowance[from][msg.sender] >= amount && balanceOf[from] >= amount, "allowance or balance");
        allowance[from][msg.sender] -= amount;
        balanceOf[from] -= amount;
        balanceOf[to] += amount;
    }
}

/// @notice Once `failing` is set, transfers move nothing and return false instead of reverting.
contract FalseReturnToken is MockERC20 {
    bool public failing;

    function setFailing(bool value) external {
        failing = value;
    }

    function transfer(address to, uint256 amount) external override returns (bool) {
        if (failing) return false;
        _move(msg.sender, to, amount);
        return true;
    }

    function transferFrom(address from, address to, uint256 amount) external override returns (bool) {
        if (failing) return false;
        _spend(from, amount);
        _move(from, to, amount);
        return true;
    }
}

/// @notice Burns `feeBps` of every transfer from what the recipient gets.
contract FeeOnTransferToken is MockERC20 {
    uint256 public immutable feeBps;

    constructor(uint256 feeBps_) {
        feeBps = feeBps_;
    }

    function _fee(uint256 amount) internal view override returns (uint256) {
        return amount * feeBps / 10_000;
    }
}

/**
 * @notice On every transfer out of `target` it first calls `target` with `reentryData` (a claim or a refund) and
 * records how that call ended, then completes the transfer. Armed only while `armed` is set.
 */
contract ReentrantToken is MockERC20 {
    address public target;
    bytes public reentryData;
    bool public armed;
    uint256 public attempts;
    bool public lastReentrySucceeded;
    bytes public lastReentryRevert;

    function arm(address target_, bytes calldata data) external {
        target = target_;
        reentryData = data;
        armed = true;
    }

    function transfer(address to, uint256 amount) external override returns (bool) {
        if (armed && msg.sender == target) {
            armed = false; // one attempt per arming, so the test sees a single nested call
            ++attempts;
            (bool ok, bytes memory ret) = target.call(reentryData);
            lastReentrySucceeded = ok;
            lastReentryRevert = ret;
        }
        _move(msg.sender, to, amount);
        return true;
    }
}
