// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

interface IVendorLockedToken {
    function transferFrom(address from, address to, uint256 amount) external returns (bool);
}

/// A liquidity locker with Team Finance's entry point (its LockToken contract's `lockToken`): the LP tokens move
/// into the locker, held for `_withdrawalAddress` until `_unlockTime`. The tests lock a pool's LP tokens here
/// to see a lock at a chain's configured `team-finance` address counted as locked. (Withdrawal is left out:
/// the check reads only where the LP tokens are.)
contract TeamFinanceLockLike {
    struct Item {
        address token;
        address withdrawalAddress;
        uint256 amount;
        uint256 unlockTime;
    }

    mapping(uint256 => Item) public lockedToken;
    uint256 public depositId;

    event Deposit(uint256 id, address indexed tokenAddress, address indexed withdrawalAddress, uint256 amount, uint256 unlockTime);

    function lockToken(
        address _tokenAddress,
        address _withdrawalAddress,
        uint256 _amount,
        uint256 _unlockTime,
        bool,
        address
    ) external payable returns (uint256 _id) {
        require(_amount > 0 && _unlockTime > block.timestamp, "bad lock");
        require(IVendorLockedToken(_tokenAddress).transferFrom(msg.sender, address(this), _amount), "transfer failed");
        _id = ++depositId;
        lockedToken[_id] = Item(_tokenAddress, _withdrawalAddress, _amount, _unlockTime);
        emit Deposit(_id, _tokenAddress, _withdrawalAddress, _amount, _unlockTime);
    }
}

/// A liquidity locker with PinkLock's (PinkSale) entry point, `lock(owner, token, isLpToken, amount, unlockDate,
/// description)`, for the same purpose.
contract PinkLockLike {
    struct Lock {
        address token;
        address owner;
        uint256 amount;
        uint256 unlockDate;
        bool isLpToken;
    }

    Lock[] public locks;

    event LockAdded(uint256 indexed id, address token, address owner, uint256 amount, uint256 unlockDate);

    function lock(
        address owner,
        address token,
        bool isLpToken,
        uint256 amount,
        uint256 unlockDate,
        string memory
    ) external returns (uint256 id) {
        require(amount > 0 && unlockDate > block.timestamp, "bad lock");
        require(IVendorLockedToken(token).transferFrom(msg.sender, address(this), amount), "transfer failed");
        locks.push(Lock(token, owner, amount, unlockDate, isLpToken));
        id = locks.length - 1;
        emit LockAdded(id, token, owner, amount, unlockDate);
    }
}
