#pragma once
// The scope of a recovery (issue 17, item 3): the workflow's rule is to train at the
// broadest scope that stays consistent (the whole sequence, else a scene, else a shot).
// This file holds the decisions, free of any file or network: the source's shots, the
// scenes they group into, which shots one broad model fails, and which frame ranges get a
// model of their own. The measurements are scope_measure.h's, the stage that runs it all is
// stage_scope.cpp; docs/quality.md (Scope) gives the rules and the figures they were set on.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace filmrecover::pipeline {

//! `recover --scope`.
enum class ScopeChoice {
  Sequence,  //!< one model for the whole film (the behaviour before scopes)
  Scene,     //!< one model per scene (consecutive shots of consistent colour)
  Shot,      //!< one model per shot
  Auto,      //!< the broad model, and narrower ones only where it clearly fails
};
//! InputError naming --scope for anything but sequence, scene, shot, auto.
ScopeChoice parseScopeChoice(const std::string& text);
std::string toString(ScopeChoice scope);

//! A shot of the source: frames first..last (source numbering) between two cuts.
struct ShotSpan {
  int index = 0;  //!< 0-based, in film order
  int first = 0, last = 0;
};
//! The shots of a source holding `frames` (ascending), split at `cuts` (first frames of shots,
//! as mapping.json's sourceCuts).
std::vector<ShotSpan> shotSpans(const std::vector<int>& frames, const std::vector<int>& cuts);
//! Index of the shot holding `frame`, -1 when none does.
int shotIndexOf(const std::vector<ShotSpan>& shots, int frame);

//! The thresholds of the decisions (recorded with them).
struct ScopeRule {
  //! A shot fails when its error is at least `failRatio` times the median error of the other
  //! judged shots **and** at least `failMargin` above it (in the measure's unit).
  double failRatio = 1.5;
  double failMargin = 1.0;
  //! Two consecutive shots are one scene when the film's model errs alike on both: their
  //! colour biases (ShotBias) within this distance in a*b* (about dE76) ...
  double sceneMargin = 3.0;
  //! ... and (spatial and combined recovery: the luma is the model's) their luma biases
  //! within this many percent of full scale.
  double sceneLumaMargin = 2.0;
  //! A narrower model needs at least this many training pairs in its range.
  int minTrainPairs = 3;
  //! At most this many unseen pairs are measured per shot (hold-out first, then spread).
  int maxJudgedPerShot = 6;
};
void to_json(nlohmann::json& j, const ScopeRule& r);

//! How one broad model fares on one shot: its mean error over the shot's unseen pairs.
struct ShotJudgement {
  int shot = 0;
  std::vector<int> frames;      //!< the unseen pairs measured (empty: not judged)
  std::vector<double> errors;   //!< per frame, same order
  double error = -1;            //!< mean of errors (-1: not judged)
  double othersMedian = -1;     //!< median error of the other judged shots (-1: none)
  bool failing = false;
  std::string verdict;          //!< one sentence with the figures
  bool judged() const { return !frames.empty(); }
};
//! Fills error, othersMedian, failing and verdict of each judgement from its frames' errors,
//! by `rule` (errors in `unit`, e.g. "dE2000"). Fewer than two judged shots: none fails.
void judgeShots(std::vector<ShotJudgement>& shots, const ScopeRule& rule, const std::string& unit);

//! Which way a model errs on a shot: the mean over its measured pairs of reference minus
//! output in CIE a*, b* (scope_measure.h).
struct ShotBias {
  double a = 0, b = 0;
  double luma = 0;  //!< mean reference minus output Y', in percent
};
//! What tells scenes apart: the colour a model recovers, its luma, or both.
enum class SceneMeasure { Colour, Luma, Both };
//! The measure for a recovery mode: chroma colour, spatial luma, combined both.
SceneMeasure sceneMeasureFor(const std::string& mode);
//! True when two shots' biases are within the rule's margins of each other (one scene):
//! rule.sceneMargin in a*b* (Colour), rule.sceneLumaMargin in luma (Luma), both (Both).
bool sameScene(const ShotBias& first, const ShotBias& second, const ScopeRule& rule,
               SceneMeasure measure = SceneMeasure::Colour);

//! A scene: consecutive shots first..last (indices into the shots).
struct SceneSpan {
  int index = 0;
  int firstShot = 0, lastShot = 0;
  std::string why;  //!< how its shots were joined
};
//! Groups `shotCount` shots into scenes: consecutive shots on which the film's model errs
//! alike in colour, or in luma for a spatial recovery (none of them much, or all the same
//! way: a scene graded, faded or printed unlike the rest). `measured[i]` says whether shot i
//! has pairs the model was measured on; a shot without joins the scene before it (the first
//! shots, the scene after them): nothing says it differs.
std::vector<SceneSpan> groupScenes(int shotCount, const std::vector<bool>& measured,
                                   const std::vector<ShotBias>& bias, const ScopeRule& rule,
                                   SceneMeasure measure = SceneMeasure::Colour);

//! A range of the film that gets a model of its own.
struct ScopedRange {
  std::string name;               //!< "scene-2", "shot-5" (1-based, as people count)
  std::string kind;               //!< "scene" | "shot"
  std::vector<int> shots;         //!< shot indices
  std::vector<int> frames;        //!< source frames to render with its model
  //! Its pairs: the curated training pairs of the range and every second pair curation left
  //! unused there (a narrower range has fewer pairs; those borrowed are not judged on); the
  //! curated hold-out pairs; the unseen pairs both models are compared on.
  std::vector<int> trainFrames, borrowedFrames, holdoutFrames, judgedFrames;
  bool trainable = false;         //!< enough training pairs
  std::string reason;             //!< why it was chosen (and why not trained, when not)
};
//! The shots and scenes, and what the curated dataset holds for each.
struct ScopeInputs {
  std::vector<ShotSpan> shots;
  std::vector<SceneSpan> scenes;
  std::vector<ShotJudgement> judgements;  //!< one per shot, after judgeShots
  std::vector<int> frames;                //!< every source frame to render
  std::vector<int> trainFrames, holdoutFrames;
  std::vector<int> unusedFrames;          //!< aligned pairs curation neither chose nor rejected
};
//! The ranges `scope` asks for: none for sequence; every scene (when there are several) for
//! scene; every shot (when there are several) for shot; for auto, the failing shots: a scene
//! whose judged shots all fail gets one model (its unjudged shots with it), a failing shot of
//! a scene that also holds shots the broad model serves gets its own. A range with fewer
//! than rule.minTrainPairs training pairs is listed untrainable (it keeps the broad model).
std::vector<ScopedRange> planScopedRanges(ScopeChoice scope, const ScopeInputs& inputs, const ScopeRule& rule);

//! One render of the film: a model and the frames it renders.
struct RenderRange {
  std::string name;          //!< "sequence" for the broad model, else the scoped range's name
  std::string model;
  std::vector<int> frames;   //!< ascending
};
//! The renders that cover `frames`: each range of the scope stage's result (`render`: name,
//! model, frames as a frame set) renders its frames, the broad model the rest; ranges
//! without a frame left out. An empty or missing result: the broad model renders all.
std::vector<RenderRange> renderRanges(const nlohmann::json& scopeResult, const std::string& broadModel,
                                      const std::vector<int>& frames);

}  // namespace filmrecover::pipeline
