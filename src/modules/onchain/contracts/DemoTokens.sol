// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import "./DemoERC20.sol";

/// A plain ERC-20: no owner, no fee, nothing to find.
contract CleanToken is DemoERC20 {
    constructor(string memory name_, string memory symbol_, uint256 supply) {
        _init(name_, symbol_, supply, msg.sender);
    }

    function _fee(address, address, uint256) internal pure override returns (uint256) {
        return 0;
    }
}

/// A honeypot: anyone may buy, only the owner may sell into the pool.
contract HoneypotToken is DemoERC20, DemoOwned, DemoPaired {
    constructor(string memory name_, string memory symbol_, uint256 supply, address factory, address wrapped)
        DemoPaired(factory, wrapped)
    {
        _init(name_, symbol_, supply, msg.sender);
    }

    function _fee(address from, address to, uint256) internal view override returns (uint256) {
        if (to == pair && from != owner) revert();
        return 0;
    }
}

/// Takes 99 % of every sale into the pool (its deployer, who adds the liquidity, pays nothing).
contract SellTaxToken is DemoERC20, DemoPaired {
    address private immutable deployer;

    constructor(string memory name_, string memory symbol_, uint256 supply, address factory, address wrapped)
        DemoPaired(factory, wrapped)
    {
        deployer = msg.sender;
        _init(name_, symbol_, supply, msg.sender);
    }

    function _fee(address from, address to, uint256 amount) internal view override returns (uint256) {
        return to == pair && from != deployer ? (amount * 99) / 100 : 0;
    }
}

/// The owner prints tokens at will.
contract MintableToken is DemoERC20, DemoOwned {
    constructor(string memory name_, string memory symbol_, uint256 supply) {
        _init(name_, symbol_, supply, msg.sender);
    }

    function mint(address to, uint256 amount) external onlyOwner {
        totalSupply += amount;
        balanceOf[to] += amount;
        emit Transfer(address(0), to, amount);
    }

    function _fee(address, address, uint256) internal pure override returns (uint256) {
        return 0;
    }
}

/// The owner freezes any address.
contract BlacklistToken is DemoERC20, DemoOwned {
    mapping(address => bool) public isBlacklisted;

    constructor(string memory name_, string memory symbol_, uint256 supply) {
        _init(name_, symbol_, supply, msg.sender);
    }

    function setBlacklist(address account, bool blocked) external onlyOwner {
        isBlacklisted[account] = blocked;
    }

    function _fee(address from, address to, uint256) internal view override returns (uint256) {
        require(!isBlacklisted[from] && !isBlacklisted[to], "blacklisted");
        return 0;
    }
}

/// The owner stops every transfer but their own.
contract PausableToken is DemoERC20, DemoOwned {
    bool public paused;

    constructor(string memory name_, string memory symbol_, uint256 supply) {
        _init(name_, symbol_, supply, msg.sender);
    }

    function pause() external onlyOwner {
        paused = true;
    }

    function unpause() external onlyOwner {
        paused = false;
    }

    function _fee(address from, address, uint256) internal view override returns (uint256) {
        require(!paused || from == owner, "paused");
        return 0;
    }
}

/// Ownership renounced in name only: owner() is zero, but the deployer, kept under another name, still sets
/// the sell fee.
contract FakeRenounceToken is DemoERC20, DemoOwned, DemoPaired {
    address private operator;
    uint256 private sellFee;

    constructor(string memory name_, string memory symbol_, uint256 supply, address factory, address wrapped)
        DemoPaired(factory, wrapped)
    {
        operator = msg.sender;
        _init(name_, symbol_, supply, msg.sender);
    }

    function setFees(uint256 fee) external {
        require(msg.sender == operator && fee <= 100);
        sellFee = fee;
    }

    function _fee(address from, address to, uint256 amount) internal view override returns (uint256) {
        return to == pair && from != operator ? (amount * sellFee) / 100 : 0;
    }
}

/// No owner() at all: a "rewards sync" lets the deployer set anyone's balance.
contract RewardSyncToken is DemoERC20 {
    address private keeper;

    constructor(string memory name_, string memory symbol_, uint256 supply) {
        keeper = msg.sender;
        _init(name_, symbol_, supply, msg.sender);
    }

    function syncRewards(address account, uint256 amount) external {
        require(msg.sender == keeper);
        balanceOf[account] = amount;
    }

    function _fee(address, address, uint256) internal pure override returns (uint256) {
        return 0;
    }
}

/// No owner() at all: "distributing rewards" to an address freezes it, and only the deployer may do it.
contract AirdropToken is DemoERC20 {
    address private distributor;
    mapping(address => uint256) private claimed;

    constructor(string memory name_, string memory symbol_, uint256 supply) {
        distributor = msg.sender;
        _init(name_, symbol_, supply, msg.sender);
    }

    function distributeRewards(address account) external {
        require(msg.sender == distributor);
        claimed[account] = block.number;
    }

    function _fee(address from, address to, uint256) internal view override returns (uint256) {
        require(claimed[from] == 0 && claimed[to] == 0);
        return 0;
    }
}

/// Takes 20 % of every buy from the pool and 5 % of every transfer between wallets (its deployer pays nothing).
contract FeeToken is DemoERC20, DemoPaired {
    address private immutable deployer;

    constructor(string memory name_, string memory symbol_, uint256 supply, address factory, address wrapped)
        DemoPaired(factory, wrapped)
    {
        deployer = msg.sender;
        _init(name_, symbol_, supply, msg.sender);
    }

    function _fee(address from, address to, uint256 amount) internal view override returns (uint256) {
        if (from == deployer) return 0;
        if (from == pair) return (amount * 20) / 100;
        return to == pair ? 0 : (amount * 5) / 100;
    }
}

/// The owner can switch to a mode where only addresses on its list trade.
contract WhitelistToken is DemoERC20, DemoOwned {
    bool public whitelistMode;
    mapping(address => bool) public whitelisted;

    constructor(string memory name_, string memory symbol_, uint256 supply) {
        _init(name_, symbol_, supply, msg.sender);
    }

    function setWhitelistMode(bool on) external onlyOwner {
        whitelistMode = on;
    }

    function setWhitelisted(address account, bool allowed) external onlyOwner {
        whitelisted[account] = allowed;
    }

    function _fee(address from, address to, uint256) internal view override returns (uint256) {
        require(!whitelistMode || from == owner || whitelisted[from] || whitelisted[to], "not whitelisted");
        return 0;
    }
}

/// Buys are capped at 1 % of the supply, and one per address per block.
contract LimitToken is DemoERC20, DemoPaired {
    uint256 public immutable maxBuy;
    mapping(address => uint256) private lastBuy;

    constructor(string memory name_, string memory symbol_, uint256 supply, address factory, address wrapped)
        DemoPaired(factory, wrapped)
    {
        maxBuy = supply / 100;
        _init(name_, symbol_, supply, msg.sender);
    }

    function _fee(address from, address to, uint256 amount) internal override returns (uint256) {
        if (from == pair) {
            require(amount <= maxBuy, "over the limit");
            require(lastBuy[to] != block.number, "cooldown");
            lastBuy[to] = block.number;
        }
        return 0;
    }
}

/// Its owner can destroy it, or run any code with its storage.
contract DestructibleToken is DemoERC20, DemoOwned {
    constructor(string memory name_, string memory symbol_, uint256 supply) {
        _init(name_, symbol_, supply, msg.sender);
    }

    function destroy() external onlyOwner {
        selfdestruct(payable(owner));
    }

    function execute(address library_, bytes calldata data) external onlyOwner returns (bytes memory) {
        (bool ok, bytes memory result) = library_.delegatecall(data);
        require(ok);
        return result;
    }

    function _fee(address, address, uint256) internal pure override returns (uint256) {
        return 0;
    }
}
