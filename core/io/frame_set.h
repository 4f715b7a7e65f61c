#pragma once
// Frame sets in oiiotool syntax, the way every command names the frames it works on.
#include <string>
#include <vector>

namespace filmrecover {

//! Parses an oiiotool frame set: "1001-1100", "1-100x2" (step), "1-10y3" (the complement
//! of the stepped range), "5,9,12-20", "10-1" (descending), a single frame, negative
//! numbers ("-5--1"). Frames keep the order written; duplicates are kept as written.
//! Throws InputError naming the text when it is empty or malformed.
std::vector<int> parseFrameSet(const std::string& spec);

//! Compact inverse of parseFrameSet for a sorted or unsorted list: runs of consecutive
//! frames become "a-b", evenly stepped runs of 3+ become "a-bxS", the rest single numbers,
//! comma separated in the given order ("1-5,9", "1-9x2"). "" for an empty list.
std::string formatFrameSet(const std::vector<int>& frames);

}  // namespace filmrecover
