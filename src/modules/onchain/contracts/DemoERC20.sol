// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

interface IDemoFactory {
    function createPair(address tokenA, address tokenB) external returns (address pair);
}

/// A minimal ERC-20 the demo tokens build on. Each scam pattern lives in `_fee`, which may also refuse a
/// transfer; a fee is kept by the token contract itself.
abstract contract DemoERC20 {
    string public name;
    string public symbol;
    uint256 public totalSupply;
    mapping(address => uint256) public balanceOf;
    mapping(address => mapping(address => uint256)) public allowance;

    event Transfer(address indexed from, address indexed to, uint256 value);
    event Approval(address indexed owner, address indexed spender, uint256 value);

    function decimals() external pure returns (uint8) {
        return 18;
    }

    function transfer(address to, uint256 amount) external returns (bool) {
        _transfer(msg.sender, to, amount);
        return true;
    }

    function approve(address spender, uint256 amount) external returns (bool) {
        allowance[msg.sender][spender] = amount;
        emit Approval(msg.sender, spender, amount);
        return true;
    }

    function transferFrom(address from, address to, uint256 amount) external returns (bool) {
        uint256 allowed = allowance[from][msg.sender];
        if (allowed != type(uint256).max) allowance[from][msg.sender] = allowed - amount;
        _transfer(from, to, amount);
        return true;
    }

    function _init(string memory name_, string memory symbol_, uint256 supply, address holder) internal {
        name = name_;
        symbol = symbol_;
        totalSupply += supply;
        balanceOf[holder] += supply;
        emit Transfer(address(0), holder, supply);
    }

    function _transfer(address from, address to, uint256 amount) internal {
        uint256 fee = _fee(from, to, amount);
        balanceOf[from] -= amount;
        balanceOf[to] += amount - fee;
        emit Transfer(from, to, amount - fee);
        if (fee > 0) {
            balanceOf[address(this)] += fee;
            emit Transfer(from, address(this), fee);
        }
    }

    /// What `from` pays on this transfer (reverting refuses it; it may keep state, as a cooldown does).
    function _fee(address from, address to, uint256 amount) internal virtual returns (uint256);
}

/// Ownable as most tokens write it: an `owner()` getter and a renounce that only clears it.
abstract contract DemoOwned {
    address public owner;

    modifier onlyOwner() {
        require(msg.sender == owner, "not the owner");
        _;
    }

    constructor() {
        owner = msg.sender;
    }

    function renounceOwnership() external onlyOwner {
        owner = address(0);
    }
}

/// A token that creates its own pool against the wrapped native coin when deployed, and knows it.
abstract contract DemoPaired {
    address public immutable pair;

    constructor(address factory, address wrapped) {
        pair = IDemoFactory(factory).createPair(address(this), wrapped);
    }
}
